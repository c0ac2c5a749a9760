from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from conditions.models import Condition
from stories.models import PatientStory
from treatments.models import Treatment


class SiteUrlSitemap(Sitemap):
    """Addresses built from SITE_URL, whatever host the request came in on."""

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


class PublishedSitemap(SiteUrlSitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class ConditionSitemap(PublishedSitemap):
    model = Condition
    priority = 0.9


class TreatmentSitemap(PublishedSitemap):
    model = Treatment
    priority = 0.7


class StorySitemap(PublishedSitemap):
    model = PatientStory
    priority = 0.6


class PageSitemap(SiteUrlSitemap):
    priority = 0.5

    def items(self):
        return ["home", "conditions:list", "treatments:list", "stories:list", "consult:request",
                "about_our_data", "privacy", "accessibility"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "conditions": ConditionSitemap,
    "treatments": TreatmentSitemap,
    "stories": StorySitemap,
}
