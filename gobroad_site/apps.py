from django.apps import AppConfig, apps
from django.db.models import signals


class GobroadSiteConfig(AppConfig):
    name = "gobroad_site"
    verbose_name = "GoBroad site"

    def ready(self):
        from .middleware import clear_page_cache

        # Any saved, published, unpublished or deleted content clears the page cache.
        for label in ("conditions", "treatments", "stories"):
            for model in apps.get_app_config(label).get_models():
                signals.post_save.connect(clear_page_cache, sender=model)
                signals.post_delete.connect(clear_page_cache, sender=model)
        signals.m2m_changed.connect(clear_page_cache, dispatch_uid="page-cache-m2m")
