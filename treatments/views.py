from itertools import groupby

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from conditions.models import Condition
from stories.models import PatientStory

from .models import OutcomeStatistic, Treatment


class TreatmentListView(ListView):
    template_name = "treatments/treatment_list.html"
    extra_context = {
        "page_title": _("Treatments"),
        "page_description": _("The treatments GoBroad uses for blood cancers, grouped by "
                              "kind, from chemotherapy to CAR-T cell therapy."),
    }

    def get_queryset(self):
        return (
            Treatment.objects.published()
            .filter(parent=None)
            .prefetch_related(Prefetch("subtherapies", queryset=Treatment.objects.published()))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(Treatment.Category.choices)
        order = list(labels)
        treatments = sorted(context["object_list"], key=lambda t: order.index(t.category))
        context["categories"] = [
            (labels[category], list(items))
            for category, items in groupby(treatments, key=lambda t: t.category)
        ]
        return context


class TreatmentDetailView(DetailView):
    template_name = "treatments/treatment_detail.html"
    context_object_name = "treatment"

    def get_queryset(self):
        return (
            Treatment.objects.visible_to(self.request.user)
            .select_related("parent")
            .prefetch_related(
                Prefetch("subtherapies", queryset=Treatment.objects.published()),
                Prefetch("conditions", queryset=Condition.objects.published()),
                Prefetch("outcome_statistics", queryset=OutcomeStatistic.objects.for_display(),
                         to_attr="published_statistics"),
                Prefetch("stories", queryset=PatientStory.objects.published().for_cards(),
                         to_attr="published_stories"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.object.name
        context["page_description"] = self.object.summary
        return context
