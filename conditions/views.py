from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from stories.models import PatientStory
from treatments.models import OutcomeStatistic

from .models import Condition


class ConditionListView(ListView):
    template_name = "conditions/condition_list.html"
    context_object_name = "conditions"
    extra_context = {
        "page_title": _("Conditions we treat"),
        "page_description": _("Blood cancers and related conditions treated at GoBroad, "
                              "explained in plain words."),
    }

    def get_queryset(self):
        return Condition.objects.published()


class ConditionDetailView(DetailView):
    template_name = "conditions/condition_detail.html"
    context_object_name = "condition"

    def get_queryset(self):
        return Condition.objects.visible_to(self.request.user).for_detail_page().prefetch_related(
            Prefetch("outcome_statistics", queryset=OutcomeStatistic.objects.for_display(),
                     to_attr="published_statistics"),
            Prefetch("stories", queryset=PatientStory.objects.published().for_cards(),
                     to_attr="published_stories"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        condition = self.object
        context["page_title"] = condition.name
        context["page_description"] = condition.summary
        context["treatment_options"] = [
            link for link in condition.condition_treatments.all()
            if link.treatment.is_published or self.request.user.is_staff
        ]
        return context
