"""Sitemap bases: addresses built from SITE_URL, and a sitemap of a model's published pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class SiteUrlSitemap(Sitemap):
    """Addresses built from SITE_URL, whatever host the request came in on, in every language,
    each listing the others as alternates."""

    i18n = True
    alternates = True
    x_default = True

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


class PublishedSitemap(SiteUrlSitemap):
    """Every published page of `model`, with the date it last changed, in the languages it
    can be read in (a page not yet translated is listed in English only)."""

    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def get_languages_for_item(self, item):
        return item.readable_languages.split(",")

    def lastmod(self, obj):
        return obj.updated_at
