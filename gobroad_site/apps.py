from django.apps import AppConfig


class GobroadSiteConfig(AppConfig):
    name = "gobroad_site"
    verbose_name = "GoBroad site"
