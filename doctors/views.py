from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from conditions.models import Condition
from core.views import ListPageMixin, ObjectPageMixin
from hospitals.models import Hospital

from .models import Doctor
from .structured_data import physician


class DoctorListView(ListPageMixin, ListView):
    """Published doctors, filterable by condition treated and by hospital, with plain GET links."""

    template_name = "doctors/doctor_list.html"
    context_object_name = "doctors"
    page_cache_query_params = ("condition", "hospital")
    page_title = _("Our doctors")
    page_description = _("The specialists who treat blood cancers at GoBroad's hospitals.")

    def get_filters(self):
        return {key: self.request.GET.get(key, "").strip()[:100] for key in ("condition", "hospital")
                if self.request.GET.get(key, "").strip()}

    def get_queryset(self):
        doctors = Doctor.objects.published().for_cards()
        filters = self.get_filters()
        if "condition" in filters:
            doctors = doctors.filter(conditions__slug=filters["condition"])
        if "hospital" in filters:
            doctors = doctors.filter(hospital__slug=filters["hospital"])
        return doctors.distinct()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Doctor.objects.published()
        # Built only when the list is rendered, not taken from its fragment.
        context.update(
            filters=self.get_filters(),
            condition_options=SimpleLazyObject(
                lambda: Condition.objects.published().filter(doctors__in=published).distinct()
                .prefetch_related("translations")),
            hospital_options=SimpleLazyObject(
                lambda: Hospital.objects.published().filter(doctors__in=published).distinct()
                .prefetch_related("translations")),
        )
        return context


class DoctorDetailView(ObjectPageMixin, DetailView):
    model = Doctor

    def get_page_title(self):
        return self.object.name_with_title

    def get_page_description(self):
        return self.object.summary or self.object.role or self.object.name_with_title

    def get_parent_crumbs(self):
        return [(_("Our doctors"), reverse("doctors:list"))]

    def get_structured_data(self):
        return [physician(self.object)]
