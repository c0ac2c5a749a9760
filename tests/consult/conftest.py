import pytest

from tests.factories import consult_form_data

from .mail_servers import HangingSMTPServer


@pytest.fixture
def send_consult(client):
    """Post the consultation form as `client`: a valid submission changed by `overrides`,
    with `files` (uploaded_file()s) attached. Returns the response."""

    def send(*files, **overrides):
        return client.post("/en/consult/", {**consult_form_data(**overrides), "attachments": list(files)})

    return send


@pytest.fixture
def hanging_smtp():
    """A mail server that accepts connections and never answers."""
    server = HangingSMTPServer()
    yield server
    server.close()


@pytest.fixture
def page_cache(settings):
    """The shared page cache, switched on (in memory) and empty; yields the cache."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "consult-pages-test"},
    }
    from django.core.cache import caches

    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()

