from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content retold from the center's own page, loaded by `manage.py load_demo_content`."""

    name = "demo"
    verbose_name = "Demo content"
