"""Pages stay light: little CSS and JavaScript, no frameworks or web fonts, compressed and cached."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from lxml import html as lxml_html

from tests.browser.content import ensure_every_page_type, page_paths

ROOT = Path(__file__).resolve().parents[2]


def _css_and_js(staff_only):
    return sum(p.stat().st_size for p in (ROOT / "static").rglob("*")
               if p.suffix in {".css", ".js"} and p.name.startswith("admin") == staff_only)


def test_css_and_js_stay_under_30_kb():
    assert _css_and_js(staff_only=False) < 30 * 1024, f"{_css_and_js(staff_only=False)} bytes of CSS and JS"


def test_what_the_staff_site_adds_to_django_admin_stays_small():
    assert _css_and_js(staff_only=True) < 8 * 1024, f"{_css_and_js(staff_only=True)} bytes of CSS and JS"


def test_colours_are_named_once_in_the_stylesheets_tokens_and_used_by_name():
    stylesheet = (ROOT / "static" / "css" / "site.css").read_text()
    tokens, rules = stylesheet.split(":root {", 1)[1].split("}", 1)
    assert re.findall(r"--[\w-]+: #[0-9a-f]{6};", tokens)
    assert not re.findall(r"#[0-9a-fA-F]{3,6}\b", rules), "a colour outside the tokens: add it to :root, or use one"


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


def _bytes_sent(url, settings):
    """What fetching a static or uploaded file costs: text compressed as the servers do, images as they are."""
    if url.startswith(settings.STATIC_URL):
        path = Path(finders.find(url.removeprefix(settings.STATIC_URL)))
    else:
        path = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)
    content = path.read_bytes()
    return len(gzip.compress(content)) if path.suffix in {".css", ".js", ".svg", ".webmanifest"} else len(content)


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_every_page_type_weighs_under_60_kb_compressed_with_what_it_loads(client, demo, settings, language):
    ensure_every_page_type()
    weights, images = {}, 0
    for name, url in {**page_paths(language), "consult": f"/{language}/consult/"}.items():
        html = client.get(url).content
        page = lxml_html.fromstring(html)
        assert not page.xpath("//img[not(@width) or not(@height)]"), f"{name}: an image without its size"
        loaded = set(page.xpath("//link[@rel='stylesheet'][not(@media='print')]/@href | //script/@src"
                                " | //link[@rel='icon']/@href | //img/@src"))
        images += len(page.xpath("//img"))
        weights[f"{name} ({url})"] = len(gzip.compress(html)) + sum(_bytes_sent(file, settings) for file in loaded)
    heaviest = max(weights, key=weights.get)
    assert weights[heaviest] <= 60 * 1024, f"{heaviest}: {weights[heaviest]} bytes compressed"
    assert images, "no page with an image was weighed"
