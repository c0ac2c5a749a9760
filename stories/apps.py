from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import CONTENT_EDITORS


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Patient stories")
    staff_role = CONTENT_EDITORS
