from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from .translation import language_tag


def site(request):
    current = translation.get_language()
    return {
        "SITE_URL": settings.SITE_URL,
        "LANGUAGE_TAG": language_tag(current),
        # The same page in each language, as plain links: pages stay cacheable.
        "language_links": [
            {"code": code, "name": name, "tag": language_tag(code), "current": code == current,
             "url": translate_url(request.get_full_path(), code)}
            for code, name in settings.LANGUAGES
        ],
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
        "CONSULT_RETENTION_DAYS": settings.CONSULT_RETENTION_DAYS,
    }
