"""Security headers Django does not set itself, and quiet logging of what strangers cause."""

import logging

from django.conf import settings
from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set; the admin is never stored or indexed.

    robots.txt does not name the admin, so as not to publish the path DJANGO_ADMIN_URL hides.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(self.admin_prefix):
            patch_cache_control(response, private=True, no_store=True)
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response



class SecurityEventFilter(logging.Filter):
    """Django's security events as one WARNING line each, without the traceback.

    A disallowed Host header or an oversized body is something a stranger does, not a
    fault of the site: logged at ERROR with a traceback, anyone could flood the log.
    """

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True
