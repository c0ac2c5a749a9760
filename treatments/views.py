from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.views import ListPageMixin, ObjectPageMixin

from .models import OutcomeStatistic, Treatment
from .structured_data import treatment_page


class TreatmentListView(ListPageMixin, ListView):
    """The treatments as a grid of categories. A sub-therapy of another category (CAR-T, a
    cellular therapy under immunotherapy) has a card of its own there; the categories the center
    reports most outcome figures for come first."""

    template_name = "treatments/treatment_list.html"
    context_object_name = "treatments"
    page_title = _("Treatments")
    page_description = _("The treatments GoBroad uses for blood cancers, grouped by kind, from chemotherapy "
                         "to CAR-T cell therapy.")

    def get_queryset(self):
        reported = Count("outcome_statistics", filter=Q(outcome_statistics__is_published=True), distinct=True)
        return (
            Treatment.objects.published()
            .filter(parent=None)
            .annotate(figures=reported)
            .prefetch_related("translations",
                              Prefetch("subtherapies", queryset=Treatment.objects.published().annotate(figures=reported)
                                       .prefetch_related("translations")))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = SimpleLazyObject(lambda: self.by_category(context["object_list"]))
        return context

    @staticmethod
    def by_category(main_treatments):
        """[(category label, [(treatment, its sub-therapies of the same category)])]."""
        entries = {}
        for treatment in main_treatments:
            subs = list(treatment.subtherapies.all())
            entries.setdefault(treatment.category, []).append(
                (treatment, [sub for sub in subs if sub.category == treatment.category]))
            for sub in subs:
                if sub.category != treatment.category:
                    entries.setdefault(sub.category, []).append((sub, []))
        labels = dict(Treatment.Category.choices)
        order = list(labels)

        def weight(category):
            figures = sum(t.figures + sum(s.figures for s in subs) for t, subs in entries[category])
            return (-figures, order.index(category))

        return [(labels[category], entries[category]) for category in sorted(entries, key=weight)]


class TreatmentDetailView(ObjectPageMixin, DetailView):
    model = Treatment

    def get_parent_crumbs(self):
        crumbs = [(_("Treatments"), reverse("treatments:list"))]
        if self.object.parent:
            crumbs.append((self.object.parent.name, self.object.parent.get_absolute_url()))
        return crumbs

    def get_context_data(self, **kwargs):
        if self.request.user.is_staff:
            OutcomeStatistic.check_for_staff(self.object.published_statistics)
        return super().get_context_data(**kwargs)

    def get_structured_data(self):
        return treatment_page(self.object)
