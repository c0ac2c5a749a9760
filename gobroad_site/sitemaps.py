from django.urls import reverse

from conditions.sitemaps import ConditionSitemap
from core.sitemaps import SiteUrlSitemap
from doctors.sitemaps import DoctorSitemap
from hospitals.sitemaps import HospitalSitemap
from journey.sitemaps import JourneySitemap
from stories.sitemaps import PatientStorySitemap
from treatments.sitemaps import TreatmentSitemap


class PageSitemap(SiteUrlSitemap):
    priority = 0.5

    def items(self):
        return ["home", "conditions:list", "treatments:list", "stories:list", "hospitals:list", "doctors:list",
                "contact", "consult:request", "about_our_data", "privacy", "accessibility"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "conditions": ConditionSitemap,
    "treatments": TreatmentSitemap,
    "stories": PatientStorySitemap,
    "hospitals": HospitalSitemap,
    "doctors": DoctorSitemap,
    "journey": JourneySitemap,
}
