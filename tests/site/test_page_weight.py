"""Pages stay light: little CSS and JavaScript, no frameworks or web fonts, compressed and cached."""

import gzip
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _css_and_js(staff_only):
    return sum(p.stat().st_size for p in (ROOT / "static").rglob("*")
               if p.suffix in {".css", ".js"} and p.name.startswith("admin") == staff_only)


def test_css_and_js_stay_under_30_kb():
    assert _css_and_js(staff_only=False) < 30 * 1024, f"{_css_and_js(staff_only=False)} bytes of CSS and JS"


def test_what_the_staff_site_adds_to_django_admin_stays_small():
    assert _css_and_js(staff_only=True) < 8 * 1024, f"{_css_and_js(staff_only=True)} bytes of CSS and JS"


def test_no_framework_cdn_or_web_fonts_in_templates():
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for banned in ("cdn.", "fonts.googleapis", "bootstrap.min", "@import url(http", "<script src=\"http"):
            assert banned not in text, f"{banned} in {path}"


@pytest.mark.django_db
def test_static_files_are_compressed_and_cached_by_the_browser(client):
    response = client.get("/static/css/site.css", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "max-age=" in response["Cache-Control"]
    assert response.get("Content-Encoding") == "gzip" or "Accept-Encoding" in response.get("Vary", "")


def test_public_pages_weigh_under_60_kb_compressed(client, demo):
    css_js = 0
    for path in (ROOT / "static").rglob("*"):
        if path.suffix in {".css", ".js"} and path.name != "print.css":
            css_js += len(gzip.compress(path.read_bytes()))
    for url in ("/en/", "/en/conditions/multiple-myeloma/", "/en/treatments/", "/en/stories/", "/en/consult/"):
        html = client.get(url).content
        assert not re.search(rb"<img(?![^>]*width=)", html), f"{url} has an image without width"
        total = len(gzip.compress(html)) + css_js
        assert total <= 60 * 1024, f"{url}: {total} bytes compressed"
