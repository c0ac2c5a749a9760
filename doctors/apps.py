from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.roles import CONTENT_EDITORS


class DoctorsConfig(AppConfig):
    name = "doctors"
    verbose_name = _("Doctors")
    staff_role = CONTENT_EDITORS
