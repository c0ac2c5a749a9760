from django.conf import settings


def site(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
        "CONSULT_RETENTION_DAYS": settings.CONSULT_RETENTION_DAYS,
    }
