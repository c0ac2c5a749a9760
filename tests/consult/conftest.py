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


