from core.sitemaps import PublishedSitemap

from .models import Hospital


class HospitalSitemap(PublishedSitemap):
    model = Hospital
    priority = 0.5
