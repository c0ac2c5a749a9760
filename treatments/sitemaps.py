from core.sitemaps import PublishedSitemap

from .models import Treatment


class TreatmentSitemap(PublishedSitemap):
    model = Treatment
    priority = 0.7
