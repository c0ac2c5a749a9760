from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import CONTENT_EDITORS


class JourneyConfig(AppConfig):
    name = "journey"
    verbose_name = _("International patients")
    staff_role = CONTENT_EDITORS
