from core.sitemaps import PublishedSitemap

from .models import PatientStory


class PatientStorySitemap(PublishedSitemap):
    model = PatientStory
    priority = 0.6
