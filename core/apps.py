from django.apps import AppConfig, apps
from django.db.models import signals
from django.utils.translation import gettext_lazy as _

from . import content_versions


class CoreConfig(AppConfig):
    """The ground floor: what every content app builds on. It imports no other app of ours."""

    name = "core"
    verbose_name = _("Site")

    def ready(self):
        # Cached pages go stale when a table they read is written (see content_versions).
        content_versions.install()
        from .translation import TranslatedPage, TranslatedRow, refresh_pages_of, refresh_pages_of_m2m

        for model in apps.get_models():
            if issubclass(model, (TranslatedPage, TranslatedRow)):
                # A page, a row or a translation saved or deleted: which languages can the page be read in?
                for sender in (model, model._parler_meta.root_model):
                    for signal in (signals.post_save, signals.post_delete):
                        signal.connect(refresh_pages_of, sender=sender, dispatch_uid=f"languages-{sender._meta}")
        signals.m2m_changed.connect(refresh_pages_of_m2m, dispatch_uid="languages-m2m")
