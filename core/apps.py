from django.apps import AppConfig, apps
from django.db.models import signals
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what every content app builds on. It imports no other app of ours."""

    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from .models import Ordered, PublishableModel
        from .page_cache import clear_page_cache

        # Saving, publishing, unpublishing or deleting any content clears the page cache.
        for model in apps.get_models():
            if issubclass(model, (PublishableModel, Ordered)):
                signals.post_save.connect(clear_page_cache, sender=model, dispatch_uid=f"page-cache-{model._meta}")
                signals.post_delete.connect(clear_page_cache, sender=model,
                                            dispatch_uid=f"page-cache-delete-{model._meta}")
        signals.m2m_changed.connect(clear_page_cache, dispatch_uid="page-cache-m2m")
