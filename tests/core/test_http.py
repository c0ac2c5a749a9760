"""HTTP details Django leaves to the server: HEAD answers like GET, without a body."""

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory

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
