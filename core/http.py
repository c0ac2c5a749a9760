"""HTTP details Django leaves to the server."""

import gzip
import secrets
import struct
import zlib

from django.middleware import gzip as gzip_middleware
from django.utils.cache import patch_vary_headers

from .page_cache import storable

# For a response rendered for one visitor (around its kept fragments, compressed at 6 once).
GZIP_LEVEL = 1
# For a page the page cache may store: compressed once, served to every anonymous visitor.
GZIP_LEVEL_STORED = 6


def head_without_body(get_response):
    """Answer HEAD like GET, without the body (gunicorn warns about and drops one sent)."""

    def middleware(request):
        response = get_response(request)
        if request.method == "HEAD" and not response.streaming:
            length = response.get("Content-Length", str(len(response.content)))
            response.content = b""
            response["Content-Length"] = length
        return response

    return middleware


class GZipMiddleware(gzip_middleware.GZipMiddleware):
    """Django's, made cheap for the responses rendered for one visitor each.

    A page the page cache will store is compressed whole at level 6: once, for everyone. Any
    other response (staff, a visitor with a session, the consult form, search results) reuses
    the compressed copy of each kept fragment it holds (core/fragments.py) and compresses only
    what lies between them, at level 1. Measured on the Russian multiple myeloma page (61 KB):
    whole at level 6, 1.6 ms for 12.9 KB; whole at level 4, 0.56 ms for 13.9 KB; around its
    fragments, 15.1 KB for 0.3 ms less per request (`make profile`). On a page of search results
    (12 KB, most of it the results), level 1 against 4: 0.06 against 0.11 ms, 9% more bytes
    (3.6 against 3.3 KB).
    """

    def process_response(self, request, response):
        if response.streaming or len(response.content) < 200 or response.has_header("Content-Encoding"):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if not gzip_middleware.re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        if getattr(request, "page_cache_may_store", False) and storable(request, response):
            pieces, level = {}, GZIP_LEVEL_STORED
        else:
            pieces, level = getattr(request, "deflated_fragments", {}), GZIP_LEVEL
        compressed = gzip_reusing(response.content, pieces, level, self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response


def deflated(html):
    """`html` as raw deflate blocks that start and end on their own, ready for `gzip_reusing`."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(html.encode()) + compressor.flush(zlib.Z_SYNC_FLUSH)


def gzip_reusing(content, pieces, level, max_random_bytes):
    """`content` gzipped at `level`, with the `deflated()` bytes of each piece of it in `pieces` ({html:
    deflated}) used as they are and the rest compressed around them.

    Deflate blocks can be joined: the compressor is reset (a full flush) before each piece, so
    nothing after it refers back past it, and each piece refers only to itself. As Django does
    against BREACH, the gzip header carries a file name of random length.
    """
    found = []
    for html, blocks in pieces.items():
        encoded = html.encode()
        start = content.find(encoded)
        if start != -1:
            found.append((start, start + len(encoded), blocks))
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    parts, position = [], 0
    for start, end, blocks in sorted(found, key=lambda item: (item[0], -item[1])):
        if start < position:
            continue  # inside a piece already used
        parts += [compressor.compress(content[position:start]), compressor.flush(zlib.Z_FULL_FLUSH), blocks]
        position = end
    parts += [compressor.compress(content[position:]), compressor.flush(zlib.Z_FINISH)]
    header = (b"\x1f\x8b\x08" + bytes([gzip.FNAME]) + b"\x00\x00\x00\x00\x00\xff"
              + b"a" * secrets.randbelow(max_random_bytes) + b"\x00")
    return b"".join([header, *parts, struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF)])
