from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import CONTENT_EDITORS


class TreatmentsConfig(AppConfig):
    name = "treatments"
    verbose_name = _("Treatments and outcomes")
    staff_role = CONTENT_EDITORS
