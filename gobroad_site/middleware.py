"""Site-wide response policies: extra security headers and the anonymous page cache."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
# Paths never stored in or served from the shared page cache.
UNCACHED_PREFIXES = ("/consult/", "/healthz", "/media/", "/static/")


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set, and no-store for the admin."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(self.admin_prefix):
            patch_cache_control(response, private=True, no_store=True)
        return response


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache every gunicorn worker shares.

    It sits first in MIDDLEWARE and stores the finished response (security headers and
    compression included), so a hit costs one cache read. A request carrying a session
    cookie (staff, or anyone with flash messages) always gets a fresh page, and a
    response that sets a cookie, used a CSRF token or says private is never stored.
    Content changes clear the whole cache (see `clear_page_cache`).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL
        self.build = _static_build_id()

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        key = self._key(request)
        cache = caches["pages"]
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._response_is_cacheable(request, response):
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
        return response

    def _request_is_cacheable(self, request):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(UNCACHED_PREFIXES)
            and not request.path.startswith(self.admin_prefix)
        )

    def _response_is_cacheable(self, request, response):
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

    def _key(self, request):
        encoding = "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "identity"
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        return f"page:{self.build}:{request.method}:{encoding}:{path}"


def _static_build_id():
    """Changes with every collectstatic of new assets, so a deploy never serves pages
    that point at stylesheets which no longer exist."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        return hashlib.sha256(manifest.read_bytes()).hexdigest()[:12]
    except OSError:
        return "dev"


def clear_page_cache(**kwargs):
    caches["pages"].clear()
