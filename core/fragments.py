"""Parts of pages kept in the page cache (`{% fragment %}` in core/templatetags/site_tags.py),
current while the tables they were built from are unchanged (`core.content_versions`), and for at
most PAGE_CACHE_SECONDS after they were rendered.

A fragment is kept as pieces: one, or the text around its holes (`{% hole %}`), each with its
compressed copy, which the response's compression reuses (core/http.py).
A worker also keeps the fragments it used last in memory (`RECENT`), under the same rules: the
parts every page shares (the menus, the footer) were read from the page cache on every page,
four reads of a page rendered for one visitor (0.1 ms in-process, more under load).
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from . import content_versions
from .http import deflated

# The shape of what is stored, (rendered at, snapshot, (html, ...), (deflated html, ...)), in every
# key: a copy kept by code that stored another shape is never read.
_FORMAT = "v4"
# Fragments kept in each worker's memory, the least recently used forgotten first: at most a few
# MB (the largest, a page's <main>, is 60 KB with its compressed copy).
RECENT = 64


class _Recent:
    def __init__(self, size):
        self.size = size
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key, item):
        with self._lock:
            self._items[key] = item
            self._items.move_to_end(key)
            if len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self):
        with self._lock:
            self._items.clear()


recent = _Recent(RECENT)


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
    """The fragment's pieces of HTML while it is current, else None. What it was built from becomes part of
    what the request's page is built from. Read once per request: a view may look before its
    template does."""
    if not can_keep(request, vary_on):
        return None
    key = _key(request, name, vary_on)
    looked_up = request.__dict__.setdefault("kept_fragments", {})
    if key not in looked_up:
        # The copy in memory may be stale where the shared one, rendered again by another worker, is not.
        pieces = _current(request, key, recent.get(key))
        looked_up[key] = pieces if pieces is not None else _current(request, key, caches["pages"].get(key))
    return looked_up[key]


def _current(request, key, stored):
    """The pieces of `stored` (as kept under `key`) while it is current, else None."""
    if stored is None:
        return None
    rendered_at, snapshot, pieces, compressed = stored
    if time.time() - rendered_at >= settings.PAGE_CACHE_SECONDS:
        return None
    recorded = content_versions.request_recording()
    confirmed = content_versions.confirmed(snapshot, recorded)
    if confirmed is None:
        return None
    if confirmed is not snapshot:  # other tables were written: the next check is quick again
        stored = (rendered_at, confirmed, pieces, compressed)
        caches["pages"].set(key, stored, settings.PAGE_CACHE_SECONDS)
    recent.put(key, stored)
    recorded.include(confirmed)
    _offer_for_compression(request, pieces, compressed)
    return pieces


def keep(request, name, vary_on, pieces, built_from):
    """Keep a fragment just rendered (its pieces of HTML), with the snapshot of what it was built from."""
    key = _key(request, name, vary_on)
    stored = (time.time(), built_from, pieces, tuple(map(deflated, pieces)))
    caches["pages"].set(key, stored, settings.PAGE_CACHE_SECONDS)
    recent.put(key, stored)
    request.kept_fragments[key] = pieces
    _offer_for_compression(request, pieces, stored[3])


def _offer_for_compression(request, pieces, compressed):
    offered = request.__dict__.setdefault("deflated_fragments", {})
    for html, blocks in zip(pieces, compressed, strict=True):
        if html:
            offered[html] = blocks
