from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import CONTENT_EDITORS


class ConditionsConfig(AppConfig):
    name = "conditions"
    verbose_name = _("Conditions")
    staff_role = CONTENT_EDITORS
