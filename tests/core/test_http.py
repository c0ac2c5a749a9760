"""HTTP details Django leaves to the server: HEAD answers like GET, without a body; responses are
compressed, reusing the compressed copies of the fragments they hold."""

import gzip

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory

from core.http import GZIP_LEVEL, deflated, gzip_reusing

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("myeloma", "connections_kept")]


@pytest.fixture
def connections_kept():
    """As Django's test client does: a request's end must not close the connection that holds the
    test's transaction (on PostgreSQL the next query would find it closed)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize("path", ["/healthz", "/en/conditions/"])
def test_head_answers_like_get_without_a_body(path):
    def call(method):
        started = {}
        environ = getattr(RequestFactory(), method)(path).environ
        body = b"".join(WSGIHandler()(environ, lambda status, headers: started.update(status=status,
                                                                                      headers=dict(headers))))
        return started["status"], started["headers"], body

    get_status, get_headers, get_body = call("get")
    head_status, head_headers, head_body = call("head")
    assert head_status == get_status == "200 OK"
    assert head_headers["Content-Type"] == get_headers["Content-Type"]
    assert head_headers["Content-Length"] == str(len(get_body)) and get_body
    assert head_body == b""  # gunicorn warns about, and drops, a body sent with HEAD


# --- compression --------------------------------------------------------------------------------

PIECE = "<main><h1>Multiple myeloma</h1>" + "<p>Plasma cells in the bone marrow.</p>" * 50 + "</main>"
INNER = "<p>Plasma cells in the bone marrow.</p>"


def test_a_compressed_response_holds_each_pieces_own_bytes_and_reads_back_whole():
    content = ("<html><head><title>Мы</title></head><body>" + PIECE
               + "<footer>多发性骨髓瘤</footer></body></html>").encode()
    pieces = {PIECE: deflated(PIECE), INNER: deflated(INNER), "<not in the page>": deflated("<not in the page>")}
    compressed = gzip_reusing(content, pieces, GZIP_LEVEL, max_random_bytes=100)
    assert gzip.decompress(compressed) == content  # the header, the trailer's CRC and length included
    assert pieces[PIECE] in compressed  # reused as it is, not compressed again
    assert pieces[INNER] not in compressed  # inside the piece already used
    assert compressed[3] & gzip.FNAME  # a name of random length against BREACH, as Django does


def test_pieces_at_the_start_the_end_or_twice_read_back_whole():
    for content in (PIECE + "tail", "head" + PIECE, PIECE, "a" + PIECE + "b" + PIECE + "c", "nothing kept"):
        encoded = content.encode()
        assert gzip.decompress(gzip_reusing(encoded, {PIECE: deflated(PIECE)}, GZIP_LEVEL, 100)) == encoded
