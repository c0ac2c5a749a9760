from django.http import Http404
from django.utils import translation
from django.views.generic import DetailView

from core.views import ObjectPageMixin

from .models import JourneyPage


class JourneyView(ObjectPageMixin, DetailView):
    model = JourneyPage
    template_name = "journey/journey.html"
    context_object_name = "journey"

    def get_object(self, queryset=None):
        # The one page at this address: the first published (staff also see a draft).
        page = self.get_queryset().first()
        if page is None:
            raise Http404("No journey page is published.")
        page.show_in(translation.get_language())
        return page
