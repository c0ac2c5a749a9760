"""Parts of pages kept in the page cache (`{% fragment %}` in core/templatetags/site_tags.py),
current while the tables they were built from are unchanged (`core.content_versions`)."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from . import content_versions


def _key(request, name, vary_on):
    varying = repr([name, translation.get_language(), *vary_on])
    return f"{request.page_cache_prefix}:fragment:{hashlib.sha256(varying.encode()).hexdigest()}"


def can_keep(request, vary_on):
    """Whether a fragment can be kept: a request behind the page cache (not the 500 page, which
    has no request), recording what it reads, and every value the fragment varies by known."""
    return (getattr(request, "page_cache_prefix", None) is not None
            and content_versions.request_recording() is not None
            and not any(value in (None, "") for value in vary_on))


def kept(request, name, *vary_on):
    """The fragment's HTML while it is current, else None. What it was built from becomes part of
    what the request's page is built from. Read once per request: a view may look before its
    template does."""
    if not can_keep(request, vary_on):
        return None
    key = _key(request, name, vary_on)
    looked_up = request.__dict__.setdefault("kept_fragments", {})
    if key in looked_up:
        return looked_up[key]
    html = None
    stored = caches["pages"].get(key)
    if stored is not None:
        recorded = content_versions.request_recording()
        confirmed = content_versions.confirmed(stored[0], recorded)
        if confirmed is not None:
            if confirmed is not stored[0]:  # other tables were written: the next check is quick again
                caches["pages"].set(key, (confirmed, stored[1]), settings.PAGE_CACHE_SECONDS)
            recorded.include(confirmed)
            html = stored[1]
    looked_up[key] = html
    return html


def keep(request, name, vary_on, html, built_from):
    """Keep a fragment just rendered, with the snapshot of what it was built from."""
    key = _key(request, name, vary_on)
    caches["pages"].set(key, (built_from, html), settings.PAGE_CACHE_SECONDS)
    request.kept_fragments[key] = html
