"""Site chrome, health check, error pages and settings (issue 2)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_home_has_navigation_and_footer_disclaimer(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for href in ("/conditions/", "/treatments/", "/stories/", "/consult/", "/privacy/", "/accessibility/"):
        assert f'href="{href}"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "individual outcomes vary" in html
    assert "not an emergency service" in html


@pytest.mark.django_db
def test_home_shows_no_empty_sections_without_content(client):
    html = client.get("/").content.decode()
    headings = ("Conditions we treat", "How we treat", "Results we have reported", "Patient stories</h2>")
    for heading in headings:
        assert heading not in html


def test_home_sections_appear_with_content(client, demo):
    html = client.get("/").content.decode()
    assert "Conditions we treat" in html
    assert "Multiple myeloma" in html


@pytest.mark.django_db
def test_healthz_reports_ok_after_a_database_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_fails_and_keeps_the_reason_for_the_log(client, monkeypatch, caplog):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("disk I/O error at /srv/gobroad/db.sqlite3")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert "disk I/O error" not in response.content.decode()
    assert "disk I/O error at /srv/gobroad/db.sqlite3" in caplog.text


@pytest.mark.django_db
def test_unknown_page_is_a_branded_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We cannot find this page" in response.content.decode()
    assert "Request a consultation" in response.content.decode()


def test_500_page_renders_without_a_database():
    # No `db` fixture: pytest-django makes any query in this test raise.
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Something went wrong on our side" in html
    assert 'href="/"' in html


@pytest.mark.django_db
def test_server_error_returns_branded_500(settings):
    settings.ROOT_URLCONF = "tests.urls_error"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_robots_points_at_sitemap_and_never_names_the_admin(client, settings):
    settings.SITE_URL = "https://www.example.org"
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://www.example.org/sitemap.xml" in body
    assert "Disallow: /consult/thanks/" in body
    assert "admin" not in body


@pytest.mark.django_db
def test_the_admin_asks_not_to_be_indexed(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_sqlite_holds_concurrent_writers():
    from django.conf import settings

    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def _settings_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(extra)
    return env


def test_production_settings_refuse_to_start_without_a_secret():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT, capture_output=True, text=True,
        env=_settings_env(DJANGO_SETTINGS_MODULE="gobroad_site.settings.production"),
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_local_settings_generate_a_secret_once_into_an_untracked_file(tmp_path):
    code = (
        f"import gobroad_site.settings.base as b, pathlib; b.BASE_DIR = pathlib.Path({str(tmp_path)!r});"
        "import gobroad_site.settings.local as l; print(l.SECRET_KEY)"
    )
    env = _settings_env()
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    second = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50
    assert second.stdout.strip() == key
    assert (tmp_path / ".secret_key").read_text().strip() == key
    assert ".secret_key" in (ROOT / ".gitignore").read_text().split()


def test_debug_is_off_unless_asked_for():
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    env = _settings_env(DJANGO_SETTINGS_MODULE="gobroad_site.settings.local", DJANGO_SECRET_KEY="x" * 60)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "False", result.stderr


def test_every_environment_variable_is_documented():
    documented = (ROOT / ".env.example").read_text() + (ROOT / "README.md").read_text()
    used = set()
    for path in (ROOT / "gobroad_site" / "settings").glob("*.py"):
        used.update(re.findall(r'env(?:_bool|_list)?\(\s*"([A-Z_]+)"', path.read_text()))
        used.update(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', path.read_text()))
    assert used, "no settings variables found"
    missing = sorted(name for name in used if name not in documented)
    assert not missing, f"undocumented settings variables: {missing}"


def test_css_and_js_stay_under_30_kb():
    total = sum(p.stat().st_size for p in (ROOT / "static").rglob("*") if p.suffix in {".css", ".js"})
    assert total < 30 * 1024, f"{total} bytes of CSS and JS"


def test_no_framework_cdn_or_web_fonts_in_templates():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for banned in ("cdn.", "fonts.googleapis", "bootstrap.min", "@import url(http", "<script src=\"http"):
            assert banned not in text, f"{banned} in {path}"


def test_json_ld_escapes_content():
    from core.structured_data import to_script_json

    text = to_script_json({"name": "</script><script>alert(1)</script> & \u2028"})
    assert "</script>" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["name"].startswith("</script>")
