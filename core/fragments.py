"""Parts of pages kept in the page cache (`{% fragment %}` in core/templatetags/site_tags.py),
current while the tables they were built from are unchanged (`core.content_versions`).

Each is kept with its compressed copy, which the response's compression reuses (core/http.py).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from . import content_versions
from .http import deflated

# The shape of what is stored, (snapshot, html, deflated html), in every key: a copy kept by code
# that stored another shape is never read.
_FORMAT = "v2"


def _key(request, name, vary_on):
    varying = repr([name, translation.get_language(), *vary_on])
    return f"{request.page_cache_prefix}:fragment:{_FORMAT}:{hashlib.sha256(varying.encode()).hexdigest()}"


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
        snapshot, html_kept, compressed = stored
        recorded = content_versions.request_recording()
        confirmed = content_versions.confirmed(snapshot, recorded)
        if confirmed is not None:
            if confirmed is not snapshot:  # other tables were written: the next check is quick again
                caches["pages"].set(key, (confirmed, html_kept, compressed), settings.PAGE_CACHE_SECONDS)
            recorded.include(confirmed)
            html = html_kept
            _offer_for_compression(request, html, compressed)
    looked_up[key] = html
    return html


def keep(request, name, vary_on, html, built_from):
    """Keep a fragment just rendered, with the snapshot of what it was built from."""
    key = _key(request, name, vary_on)
    compressed = deflated(html)
    caches["pages"].set(key, (built_from, html, compressed), settings.PAGE_CACHE_SECONDS)
    request.kept_fragments[key] = html
    _offer_for_compression(request, html, compressed)


def _offer_for_compression(request, html, compressed):
    request.__dict__.setdefault("deflated_fragments", {})[html] = compressed
