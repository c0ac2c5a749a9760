import functools

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from .page_cache import address_as_cached
from .translation import language_tag


def site(request):
    current = translation.get_language()
    return {
        "SITE_URL": settings.SITE_URL,
        "LANGUAGE_TAG": language_tag(current),
        # The same page in each language, as plain links: pages stay cacheable. Worked out only
        # when the header is rendered.
        "language_links": lambda: [
            {"code": code, "name": name, "tag": language_tag(code), "current": code == current,
             "url": _address_in(request, code)}
            for code, name in settings.LANGUAGES
        ],
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
        "CONSULT_RETENTION_DAYS": settings.CONSULT_RETENTION_DAYS,
    }


def _address_in(request, language):
    """The page's address as the page cache keeps it (only the query parameters its view reads),
    in `language`: Django's translate_url without resolving the address again."""
    match = request.resolver_match
    view = getattr(match.func, "view_class", None) if match else None
    declared = getattr(view, "page_cache_query_params", None)
    address = request.get_full_path() if declared is None else address_as_cached(request, declared)
    if match is None:
        return address
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    path = _path_in(language, name, tuple(match.args), tuple(sorted(match.kwargs.items())))
    if path is None:
        return address
    query = address.partition("?")[2]
    return f"{path}?{query}" if query else path


@functools.lru_cache(maxsize=4096)
def _path_in(language, name, args, kwargs):
    """The path of the view `name` in `language`, or None; remembered, as the URLs never change
    while the process runs (three reverses on every rendered page otherwise)."""
    with translation.override(language):
        try:
            return reverse(name, args=args, kwargs=dict(kwargs))
        except NoReverseMatch:
            return None
