from itertools import groupby

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.views import ObjectPageMixin, PageMixin

from .models import OutcomeStatistic, Treatment
from .structured_data import treatment_page


class TreatmentListView(PageMixin, ListView):
    template_name = "treatments/treatment_list.html"
    page_title = _("Treatments")
    page_description = _("The treatments GoBroad uses for blood cancers, grouped by kind, from chemotherapy "
                         "to CAR-T cell therapy.")

    def get_queryset(self):
        return (
            Treatment.objects.published()
            .filter(parent=None)
            .prefetch_related("translations",
                              Prefetch("subtherapies", queryset=Treatment.objects.published()
                                       .prefetch_related("translations")))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = SimpleLazyObject(lambda: self.by_category(context["object_list"]))
        return context

    @staticmethod
    def by_category(treatments):
        labels = dict(Treatment.Category.choices)
        order = list(labels)
        treatments = sorted(treatments, key=lambda t: order.index(t.category))
        return [(labels[category], list(items)) for category, items in groupby(treatments, key=lambda t: t.category)]


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
