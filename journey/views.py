from django.http import Http404
from django.views.generic import DetailView

from core.views import ObjectPageMixin

from .models import JourneyPage


class JourneyView(ObjectPageMixin, DetailView):
    model = JourneyPage
    template_name = "journey/journey.html"
    context_object_name = "journey"

    def find_page(self, queryset):
        # The one page at this address: the first published (staff also see a draft).
        found = queryset.first()
        if found is None:
            raise Http404("No journey page is published.")
        return found
