from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content retold from the center's own page, loaded by `manage.py load_demo_content`."""

    name = "demo"
    verbose_name = _("Demo content")
