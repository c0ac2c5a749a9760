from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.views import ListPageMixin, ObjectPageMixin

from .models import Hospital
from .structured_data import hospital_entities


class HospitalListView(ListPageMixin, ListView):
    template_name = "hospitals/hospital_list.html"
    context_object_name = "hospitals"
    page_title = _("Our hospitals")
    page_description = _("The hospitals of GoBroad Healthcare Group that treat blood cancers, and how to reach them.")

    def get_queryset(self):
        return Hospital.objects.for_contact()


class ContactView(HospitalListView):
    """The contact page: each hospital's details as staff have entered them, and the request form."""

    template_name = "hospitals/contact.html"
    page_title = _("Contact us")
    page_description = _("How to reach GoBroad's hospitals and our specialists.")

    def get_structured_data(self):
        return hospital_entities(self.object_list)


class HospitalDetailView(ObjectPageMixin, DetailView):
    model = Hospital

    def get_page_description(self):
        return self.object.summary or self.object.city

    def get_parent_crumbs(self):
        return [(_("Our hospitals"), reverse("hospitals:list"))]

    def get_structured_data(self):
        return hospital_entities([self.object])
