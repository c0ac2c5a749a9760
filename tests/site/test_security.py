"""Security headers on every response, the admin kept private, login limits and quiet security logs."""

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import make_staff_user

from .security_headers import CSP, assert_security_headers

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize("path,status", [
    ("/en/", 200), ("/en/conditions", 301), ("/en/no-such-page/", 404), ("/static/css/site.css", 200),
    ("/healthz", 200), (reverse("admin:login"), 200),
])
def test_security_headers_everywhere(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_security_headers(response)


def test_policy_has_nothing_unsafe():
    assert "unsafe" not in CSP


def test_no_inline_scripts_or_styles_in_templates():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        assert "style=" not in text, path
        assert "<style" not in text, path
        inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", text)
        assert not inline_scripts, path


@pytest.mark.django_db
def test_admin_pages_are_never_stored(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert_security_headers(response)


@pytest.mark.django_db
def test_the_admin_asks_not_to_be_indexed(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.django_db
def test_failed_admin_logins_are_limited(client):
    make_staff_user("coordinator", password="the-right-password-1")
    login = reverse("admin:login")
    statuses = [client.post(login, {"username": "coordinator", "password": "wrong"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the account
    locked = client.post(login, {"username": "coordinator", "password": "the-right-password-1"})
    assert locked.status_code == 429
    assert "locked for one hour" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_correct_login_still_works_before_the_limit(client):
    make_staff_user("editor", password="the-right-password-1")
    client.post(reverse("admin:login"), {"username": "editor", "password": "wrong"})
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "the-right-password-1"})
    assert response.status_code == 302


@pytest.fixture
def security_log():
    import logging

    handler = logging.getLogger("django.security").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
@pytest.mark.parametrize("make_request", [
    lambda client: client.get("/en/", HTTP_HOST="evil.example"),
    lambda client: client.post(reverse("admin:login"), {f"field{n}": "x" for n in range(1100)}),
    lambda client: client.post(reverse("admin:login"), "a=" + "x" * (3 * 2**20),
                               content_type="application/x-www-form-urlencoded"),
], ids=["disallowed host", "too many fields", "body too big"])
def test_security_events_are_one_warning_line_without_a_traceback(client, security_log, make_request):
    response = make_request(client)
    assert response.status_code == 400
    lines = security_log.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert re.search(r" WARNING django\.security\.\w+ ", lines[0])
    assert "Traceback" not in security_log.getvalue()
