from core.sitemaps import PublishedSitemap

from .models import JourneyPage


class JourneySitemap(PublishedSitemap):
    """The one journey page the site shows."""

    model = JourneyPage
    priority = 0.7

    def items(self):
        return super().items().order_by("position", "id")[:1]
