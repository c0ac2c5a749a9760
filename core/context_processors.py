from django.conf import settings
from django.utils import translation

from .translation import language_tag


def site(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "LANGUAGE_TAG": language_tag(translation.get_language()),
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
        "CONSULT_RETENTION_DAYS": settings.CONSULT_RETENTION_DAYS,
    }
