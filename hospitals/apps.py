from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import CONTENT_EDITORS


class HospitalsConfig(AppConfig):
    name = "hospitals"
    verbose_name = _("Hospitals")
    staff_role = CONTENT_EDITORS
