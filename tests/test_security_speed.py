"""Production hardening and the page cache (issue 7)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.factories import make_condition

ROOT = Path(__file__).resolve().parent.parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'")
EXPECTED = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


def directives(policy):
    return {part.strip() for part in policy.split(";") if part.strip()}


def assert_security_headers(response):
    for name, value in EXPECTED.items():
        actual = response.get(name, "")
        if name == "Content-Security-Policy":  # django-csp does not keep directive order
            actual, value = directives(actual), directives(value)
        assert actual == value, f"{name} on {response.status_code}: {response.get(name)!r}"


@pytest.mark.django_db
@pytest.mark.parametrize("path,status", [
    ("/", 200), ("/conditions", 301), ("/no-such-page/", 404), ("/static/css/site.css", 200),
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


def test_check_deploy_is_clean_under_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="gobroad_site.settings.production",
               DJANGO_SECRET_KEY=secrets.token_urlsafe(60), DJANGO_ALLOWED_HOSTS="www.example.org",
               DATABASE_URL="sqlite:///:memory:")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_a_weak_secret():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="gobroad_site.settings.production", DJANGO_SECRET_KEY="short")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages-test"},
    }
    from django.core.cache import caches

    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.mark.django_db
def test_anonymous_pages_are_served_from_the_cache(page_cache):
    condition = make_condition()
    client = Client()
    first = client.get(condition.get_absolute_url())
    second = client.get(condition.get_absolute_url())
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "max-age=60" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert_security_headers(second)


@pytest.mark.django_db
def test_cached_pages_are_compressed_for_clients_that_accept_it(page_cache):
    make_condition()
    client = Client()
    plain = client.get("/conditions/")
    client.get("/conditions/", HTTP_ACCEPT_ENCODING="gzip, br")
    gzipped = client.get("/conditions/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert gzipped["X-Page-Cache"] == "hit"
    assert gzipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in gzipped["Vary"]


@pytest.mark.django_db
def test_staff_never_get_the_shared_cache(page_cache, staff_client):
    condition = make_condition()
    Client().get(condition.get_absolute_url())
    response = staff_client.get(condition.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" if "X-Page-Cache" in response else True
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/consult/", "/healthz", "/stories/?page=abc"])
def test_form_and_health_check_are_never_cached(page_cache, path):
    client = Client()
    client.get(path)
    response = client.get(path)
    if path.startswith("/stories/"):
        assert response["X-Page-Cache"] == "hit"  # public list pages are cached
    else:
        assert response.get("X-Page-Cache") != "hit"


@pytest.mark.django_db
def test_admin_save_invalidates_the_cache(page_cache, staff_client):
    condition = make_condition(summary="Old summary for the card.")
    anonymous = Client()
    anonymous.get("/conditions/")
    assert anonymous.get("/conditions/")["X-Page-Cache"] == "hit"
    url = reverse("admin:conditions_condition_change", args=[condition.pk])
    form = {
        "name": condition.name, "slug": condition.slug, "summary": "New summary, just saved.",
        "overview": "An overview.", "is_published": "on", "position": 0,
        **{f"{prefix}-{k}": v for prefix in ("symptoms", "condition_treatments", "outcome_statistics", "reasons",
                                             "glossary_terms")
           for k, v in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))},
    }
    response = staff_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    fresh = anonymous.get("/conditions/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "New summary, just saved." in fresh.content.decode()


@pytest.mark.django_db
def test_unpublishing_removes_the_page_at_once(page_cache):
    condition = make_condition()
    client = Client()
    client.get(condition.get_absolute_url())
    condition.is_published = False
    condition.save()
    assert client.get(condition.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_failed_admin_logins_are_limited(client):
    User.objects.create_user("coordinator", password="the-right-password-1", is_staff=True)
    login = reverse("admin:login")
    statuses = [client.post(login, {"username": "coordinator", "password": "wrong"}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the account
    locked = client.post(login, {"username": "coordinator", "password": "the-right-password-1"})
    assert locked.status_code == 429
    assert "locked for one hour" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_correct_login_still_works_before_the_limit(client):
    User.objects.create_user("editor", password="the-right-password-1", is_staff=True)
    client.post(reverse("admin:login"), {"username": "editor", "password": "wrong"})
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "the-right-password-1"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_static_files_are_compressed_and_cached_by_the_browser(client):
    response = client.get("/static/css/site.css", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "max-age=" in response["Cache-Control"]
    assert response.get("Content-Encoding") == "gzip" or "Accept-Encoding" in response.get("Vary", "")


def test_public_pages_weigh_under_60_kb_compressed(client, demo):
    import gzip

    css_js = 0
    for path in (ROOT / "static").rglob("*"):
        if path.suffix in {".css", ".js"} and path.name != "print.css":
            css_js += len(gzip.compress(path.read_bytes()))
    for url in ("/", "/conditions/multiple-myeloma/", "/treatments/", "/stories/", "/consult/"):
        html = client.get(url).content
        assert not re.search(rb"<img(?![^>]*width=)", html), f"{url} has an image without width"
        total = len(gzip.compress(html)) + css_js
        assert total <= 60 * 1024, f"{url}: {total} bytes compressed"
