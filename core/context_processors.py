from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from .page_cache import address_as_cached
from .translation import language_tag


def site(request):
    current = translation.get_language()
    return {
        "SITE_URL": settings.SITE_URL,
        "LANGUAGE_TAG": language_tag(current),
        # The same page in each language, as plain links: pages stay cacheable. Worked out only
        # when the header is rendered, not taken from its fragment.
        "language_links": lambda: [
            {"code": code, "name": name, "tag": language_tag(code), "current": code == current,
             "url": translate_url(_address_as_cached(request), code)}
            for code, name in settings.LANGUAGES
        ],
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
        "CONSULT_RETENTION_DAYS": settings.CONSULT_RETENTION_DAYS,
    }


def _address_as_cached(request):
    """The page's address as the page cache keeps it: the header's fragment is shared by every
    address that differs only in parameters its view does not read."""
    match = request.resolver_match
    view = getattr(match.func, "view_class", None) if match else None
    declared = getattr(view, "page_cache_query_params", None)
    return request.get_full_path() if declared is None else address_as_cached(request, declared)
