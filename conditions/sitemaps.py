from core.sitemaps import PublishedSitemap

from .models import Condition


class ConditionSitemap(PublishedSitemap):
    model = Condition
    priority = 0.9
