from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import PATIENT_COORDINATORS


class ConsultConfig(AppConfig):
    name = "consult"
    verbose_name = _("Consultation requests")
    staff_role = PATIENT_COORDINATORS

    def ready(self):
        from . import checks  # noqa: F401 - registers the settings checks
