"""What search engines read: robots.txt, the sitemap, titles and descriptions, and JSON-LD."""

import json
import re
from datetime import date
from xml.etree import ElementTree

import pytest

from tests.factories import fill_condition, make_condition, make_doctor, make_story, make_treatment

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    graph = json.loads(blocks[0])["@graph"]
    return {item["@type"]: item for item in graph}


def test_robots_points_at_sitemap_and_never_names_the_admin(client, settings):
    settings.SITE_URL = "https://www.example.org"
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://www.example.org/sitemap.xml" in body
    for prefix in ("en", "zh-hans", "ru"):
        assert f"Disallow: /{prefix}/consult/thanks/" in body
    assert "admin" not in body


def test_sitemap_lists_every_published_page_with_last_change(client, settings):
    settings.SITE_URL = "https://www.example.org"
    condition = make_condition(slug="multiple-myeloma")
    draft = make_condition(slug="secret-draft", is_published=False)
    treatment = make_treatment(slug="car-t")
    story = make_story(condition, slug="yuri")
    make_story(condition, slug="no-consent", consent_on_file=False, is_published=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap
    entries = {u.find("s:loc", ns).text: u.find("s:lastmod", ns) for u in root.findall("s:url", ns)}
    base = "https://www.example.org"
    for page in (condition, treatment, story):
        assert entries[base + page.get_absolute_url()] is not None
    for path in ("/en/", "/en/conditions/", "/en/stories/", "/en/consult/", "/en/about-our-data/", "/en/privacy/"):
        assert base + path in entries
    assert base + draft.get_absolute_url() not in entries
    assert base + "/en/stories/no-consent/" not in entries


def test_each_page_has_unique_title_description_canonical_and_open_graph(client, settings):
    settings.SITE_URL = "https://www.example.org"
    condition = make_condition(name="Multiple myeloma", summary="A cancer of plasma cells.")
    treatment = make_treatment(name="CAR-T")
    story = make_story(condition, title="Yuri's story", summary="How Yuri was treated with CAR-T in Beijing.")
    urls = ["/en/", "/en/conditions/", "/en/treatments/", "/en/stories/", "/en/privacy/", "/en/accessibility/",
            "/en/about-our-data/", condition.get_absolute_url(), treatment.get_absolute_url(), story.get_absolute_url()]
    titles = set()
    for url in urls:
        html = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        titles.add(title)
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), url
        assert f'<link rel="canonical" href="https://www.example.org{url}">' in html
        assert f'<meta property="og:url" content="https://www.example.org{url}">' in html
        assert '<meta property="og:title" content="' in html
    assert len(titles) == len(urls)


# --- JSON-LD ---

def test_site_wide_json_ld_on_every_page(client):
    for url in ("/en/", "/en/stories/", "/en/privacy/", "/en/no-such-page/"):
        data = json_ld(client.get(url).content.decode())
        assert {"MedicalOrganization", "BreadcrumbList"} <= set(data)


def test_condition_json_ld_matches_the_page(client, settings):
    settings.SITE_URL = "https://www.example.org"
    treatment = make_treatment(name="CAR-T cell therapy")
    reviewer = make_doctor(name="Example", slug="example")
    condition = make_condition(name="Multiple myeloma", reviewer=reviewer, last_reviewed=date(2026, 10, 1))
    fill_condition(condition, 2)
    condition.condition_treatments.create(treatment=treatment, position=9)
    data = json_ld(client.get(condition.get_absolute_url()).content.decode())
    page = data["MedicalWebPage"]
    assert page["lastReviewed"] == "2026-10-01"
    assert page["reviewedBy"] == {"@type": "Physician", "name": "Example",
                                  "url": "https://www.example.org/en/doctors/example/"}
    medical_condition = page["about"]
    assert medical_condition["@type"] == "MedicalCondition"
    assert [s["name"] for s in medical_condition["signOrSymptom"]] == ["Symptom 0", "Symptom 1"]
    assert "CAR-T cell therapy" in [t["name"] for t in medical_condition["possibleTreatment"]]
    assert data["MedicalOrganization"]["name"] == "GoBroad Healthcare Group"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Conditions", "Multiple myeloma"]
    assert crumbs[-1]["item"] == "https://www.example.org" + condition.get_absolute_url()


def test_treatment_and_story_json_ld(client):
    parent = make_treatment(name="Immunotherapy")
    treatment = make_treatment(name="CAR-T", parent=parent)
    data = json_ld(client.get(treatment.get_absolute_url()).content.decode())
    assert data["MedicalWebPage"]["about"]["@type"] == "MedicalTherapy"
    assert [c["name"] for c in data["BreadcrumbList"]["itemListElement"]] == [
        "Home", "Treatments", "Immunotherapy", "CAR-T"]
    story = make_story(make_condition(name="MDS"), title="A guitarist's recovery")
    article = json_ld(client.get(story.get_absolute_url()).content.decode())["Article"]
    assert article["headline"] == "A guitarist's recovery"
    assert article["about"]["name"] == "MDS"


def test_json_ld_cannot_be_broken_by_editor_text(client):
    condition = make_condition(name="</script><script>alert(1)</script>", summary='"quotes" & <b>tags</b>')
    html = client.get(condition.get_absolute_url()).content.decode()
    data = json_ld(html)
    assert data["MedicalWebPage"]["about"]["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html
