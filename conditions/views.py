from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.views import ListPageMixin, ObjectPageMixin
from treatments.models import OutcomeStatistic

from .models import Condition
from .structured_data import condition_page


class ConditionListView(ListPageMixin, ListView):
    template_name = "conditions/condition_list.html"
    context_object_name = "conditions"
    page_title = _("Conditions we treat")
    page_description = _("Blood cancers and related conditions treated at GoBroad, explained in plain words.")

    def get_queryset(self):
        return Condition.objects.for_cards()


class ConditionDetailView(ObjectPageMixin, DetailView):
    model = Condition

    def get_parent_crumbs(self):
        return [(_("Conditions"), reverse("conditions:list"))]

    def get_context_data(self, **kwargs):
        if self.request.user.is_staff:
            OutcomeStatistic.check_for_staff(self.object.published_statistics)
        return super().get_context_data(**kwargs)

    def get_structured_data(self):
        return condition_page(self.object, self.object.treatment_options)
