"""Settings of the consult app that would otherwise fail only when a page or email uses them."""

import zoneinfo

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_reply_time_settings(app_configs, **kwargs):
    errors = []
    days = settings.CONSULT_REPLY_WORKING_DAYS
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
        errors.append(Error(
            "CONSULT_REPLY_WORKING_DAYS must be a whole number of working days, 1 or more, or unset (no promise).",
            id="consult.E001",
        ))
    try:
        zoneinfo.ZoneInfo(settings.CONSULT_REPLY_TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        errors.append(Error(
            f"CONSULT_REPLY_TIME_ZONE {settings.CONSULT_REPLY_TIME_ZONE!r} is not a time zone name such as "
            "Asia/Shanghai.", id="consult.E002",
        ))
    return errors
