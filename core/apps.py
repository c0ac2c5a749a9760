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
        from .translation import TranslatedPage, TranslatedRow, refresh_pages_of, refresh_pages_of_m2m

        for model in apps.get_models():
            if issubclass(model, (PublishableModel, Ordered)):
                # Saving, publishing, unpublishing or deleting any content clears the page cache.
                for signal in (signals.post_save, signals.post_delete):
                    signal.connect(clear_page_cache, sender=model, dispatch_uid=f"page-cache-{model._meta}")
            if issubclass(model, (TranslatedPage, TranslatedRow)):
                # A page, a row or a translation saved or deleted: which languages can the page be read in?
                for sender in (model, model._parler_meta.root_model):
                    for signal in (signals.post_save, signals.post_delete):
                        signal.connect(refresh_pages_of, sender=sender, dispatch_uid=f"languages-{sender._meta}")
        signals.m2m_changed.connect(clear_page_cache, dispatch_uid="page-cache-m2m")
        signals.m2m_changed.connect(refresh_pages_of_m2m, dispatch_uid="languages-m2m")
