"""The page cache that anonymous visitors' pages are served from, shared by every worker."""

import functools
import hashlib
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control

from . import content_versions
from .models import RenderLock


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache every gunicorn worker shares.

    It sits near the top of MIDDLEWARE and stores the finished response (security headers
    and compression included), so a hit costs two cache reads: the page, and the versions
    of the tables it was built from (`core.content_versions`). A request carrying a
    session cookie (staff, or anyone with flash messages) always gets a fresh page, and a
    response that sets a cookie, used a CSRF token (the consultation form), says private
    or no-store (the health check, the thanks page) or streams a file is never stored.
    Each language has its own addresses (/en/, /zh-hans/, /ru/), so pages in different
    languages never share an entry.

    A stored page is current for PAGE_CACHE_SECONDS while its tables are unchanged. After
    that it is rendered again by one request (`RenderLock`) while the others get the previous
    copy, kept for PAGE_CACHE_KEEP_SECONDS for that purpose: a crowd arriving after an edit
    renders the page once. X-Page-Cache says which: hit, miss (rendered for this request) or
    stale.

    Only the query parameters a view declares in `page_cache_query_params` (the story
    filters and page, say) are part of a cached address: a request with any other
    parameter is sent to the same address without it, so random query strings can
    neither fill the cache nor make every request a slow one. A view that says
    `page_cache_stores = False` (search results, each asked by one visitor) is never looked up,
    but this rule holds for it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL
        self.key_prefix = f"pages:{_settings_fingerprint()}"

    def __call__(self, request):
        if request.path.startswith(self.admin_prefix):
            return self.get_response(request)
        # Fragments kept inside pages (`{% fragment %}`) share the prefix, and so the fingerprint,
        # and record what they were built from in the request's recording.
        request.page_cache_prefix = self.key_prefix
        view = _cacheable_view(request.path_info) if self._request_is_cacheable(request) else None
        if view is None:
            with content_versions.recording():
                return self.get_response(request)
        allowed, stores_pages = view
        if any(name not in allowed for name in request.GET):
            return _without_undeclared_params(request, allowed)
        if not stores_pages:
            with content_versions.recording():
                return self.get_response(request)
        key = self._key(request)
        stored = caches["pages"].get(key)
        if stored is None:
            return self._render(request, key)
        stored_at, snapshot, response = stored
        if time.time() - stored_at < settings.PAGE_CACHE_SECONDS:
            confirmed = content_versions.confirmed(snapshot)
            if confirmed is not None:
                if confirmed is not snapshot:  # other tables were written: the next check is quick again
                    caches["pages"].set(key, (stored_at, confirmed, response), settings.PAGE_CACHE_KEEP_SECONDS)
                return _served(response, "hit")
        lock = hashlib.sha256(key.encode()).hexdigest()[:40]
        if not RenderLock.acquire(lock, settings.PAGE_CACHE_RENDER_SECONDS):
            return _served(response, "stale")
        try:
            # The request that held the lock a moment ago may have stored the page since we looked.
            fresh = caches["pages"].get(key)
            if fresh is not None and fresh[0] > stored_at and content_versions.confirmed(fresh[1]) is not None:
                return _served(fresh[2], "hit")
            return self._render(request, key, replacing=True)
        finally:
            RenderLock.release(lock)

    def _render(self, request, key, replacing=False):
        request.page_cache_may_store = True  # compressed once for every visitor: core.http compresses it most
        with content_versions.recording() as recorded:
            response = self.get_response(request)
        cache = caches["pages"]
        if storable(request, response):
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
            cache.set(key, (time.time(), recorded.snapshot, response), settings.PAGE_CACHE_KEEP_SECONDS)
            response["X-Page-Cache"] = "miss"
        elif replacing:
            cache.delete(key)  # unpublished, say: the previous copy must not be served again
        return response

    def _request_is_cacheable(self, request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        )

    def _key(self, request):
        encoding = "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "identity"
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        return f"{self.key_prefix}:{request.method}:{encoding}:{path}"


def storable(request, response):
    """Whether the page cache stores `response`: the same for every anonymous visitor, and whole."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _served(response, how):
    response["X-Page-Cache"] = how
    return response


@functools.lru_cache(maxsize=1024)
def _cacheable_view(path):
    """(the query parameters the view at `path` declares cacheable, whether the page cache stores
    its pages: not the view's `page_cache_stores = False`), or None for no such view. Remembered, as
    the URLs never change while the process runs: resolving cost as much as the rest of a page
    cache hit."""
    try:
        # Language prefixes resolve only in their own language, which LocaleMiddleware,
        # further down, has not yet activated.
        with translation.override(translation.get_language_from_path(path)):
            match = resolve(path)
    except Resolver404:
        return None
    view = getattr(match.func, "view_class", match.func)
    return frozenset(getattr(view, "page_cache_query_params", ())), getattr(view, "page_cache_stores", True)


def address_as_cached(request, declared):
    """The request's address with only the query parameters in `declared` (those its view reads),
    as the page cache keeps it. Worked out once per request and `declared`: a page with a query
    asks for it four times (its rendering key and its three language links)."""
    if not request.GET:
        return request.path
    addresses = request.__dict__.setdefault("addresses_as_cached", {})
    declared = frozenset(declared)
    if declared not in addresses:
        # As QueryDict.urlencode() of a copy without the other parameters, without copying it.
        query = "&".join(urlencode({name: value}) for name, values in request.GET.lists() if name in declared
                         for value in values)
        addresses[declared] = request.path + (f"?{query}" if query else "")
    return addresses[declared]


def address_in(request, language):
    """The request's address as the page cache keeps it (only the query parameters its view reads),
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


def _without_undeclared_params(request, allowed):
    response = HttpResponseRedirect(address_as_cached(request, allowed))
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
    return response


def _settings_fingerprint():
    """Changes with the settings that shape every page and with each collectstatic of new assets.

    A process started with another admin path, site address, set of languages or reply-time
    promise, or after a deploy whose stylesheets have new names, never serves pages cached before.
    """
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        build = manifest.read_bytes()
    except OSError:
        build = b"dev"
    languages = [code for code, _name in settings.LANGUAGES]
    shaping = repr((settings.ADMIN_URL, settings.SITE_URL, settings.LANGUAGE_CODE, languages,
                    settings.CONSULT_REPLY_WORKING_DAYS, settings.CONSULT_REPLY_TIME_ZONE))
    return hashlib.sha256(build + shaping.encode()).hexdigest()[:16]
