"""Trustworthy health information: review line, sources, sitemap, JSON-LD, readability (issue 6)."""

import json
import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from tests.factories import fill_condition, make_condition, make_statistic, make_story, make_treatment

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    graph = json.loads(blocks[0])["@graph"]
    return {item["@type"]: item for item in graph}


def test_condition_and_treatment_pages_end_with_the_review_line(client):
    condition = make_condition(reviewed_by="Dr. Example, hematologist", last_reviewed=date(2026, 10, 1),
                               next_review_due=date(2027, 10, 1))
    treatment = make_treatment(reviewed_by="Dr. Example", last_reviewed=date(2026, 9, 2),
                               next_review_due=date(2027, 9, 2))
    html = client.get(condition.get_absolute_url()).content.decode()
    assert re.search(r"Medically reviewed by Dr. Example, hematologist</span>\s*<span>Page last reviewed "
                     r'<time datetime="2026-10-01">1 October 2026</time></span>\s*<span>Next review due '
                     r'<time datetime="2027-10-01">1 October 2027</time>', html)
    treatment_html = client.get(treatment.get_absolute_url()).content.decode()
    assert 'Page last reviewed <time datetime="2026-09-02">' in treatment_html


def test_admin_home_counts_pages_past_their_review_date(staff_client):
    yesterday = date.today() - timedelta(days=1)
    make_condition(next_review_due=yesterday)
    make_treatment(next_review_due=yesterday)
    make_treatment(next_review_due=yesterday)
    make_treatment(next_review_due=date.today() + timedelta(days=30))
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "3 pages are past their review date." in html
    assert "Treatments: 2" in html and "?review=overdue" in html


def test_admin_lists_overdue_treatments(staff_client):
    make_treatment(name="Old page", next_review_due=date(2020, 1, 1))
    make_treatment(name="New page", next_review_due=date(2099, 1, 1))
    html = staff_client.get(reverse("admin:treatments_treatment_changelist") + "?review=overdue").content.decode()
    assert "Old page" in html and "New page" not in html


def test_every_page_with_figures_links_to_about_our_data(client):
    condition = make_condition(is_featured=True)
    treatment = make_treatment()
    make_statistic(condition, [treatment], is_highlighted=True)
    for url in ("/", condition.get_absolute_url(), treatment.get_absolute_url()):
        assert 'href="/about-our-data/"' in client.get(url).content.decode().split("<footer", 1)[0], url


def test_about_our_data_explains_the_measures(client):
    html = client.get("/about-our-data/").content.decode()
    for text in ("Complete remission (CR)", "Overall response rate (ORR)", "Progression-free survival (PFS)",
                 "Overall survival (OS)", "published studies", "follow-up", "Individual results vary"):
        assert text in html


def test_privacy_and_accessibility_pages_cover_what_they_must(client, settings):
    privacy = client.get("/privacy/").content.decode()
    for text in ("What we collect", "Why we collect it", "Who sees it", "How long we keep it", "deletion",
                 f"Version of {settings.PRIVACY_NOTICE_VERSION}", f"{settings.CONSULT_RETENTION_DAYS} days"):
        assert text in privacy
    accessibility = client.get("/accessibility/").content.decode()
    for text in ("WCAG) 2.2 at level AA", "How we test it", "Known gaps", "Reporting a problem", "Last updated"):
        assert text in accessibility


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
    for path in ("/", "/conditions/", "/stories/", "/consult/", "/about-our-data/", "/privacy/"):
        assert base + path in entries
    assert base + draft.get_absolute_url() not in entries
    assert base + "/stories/no-consent/" not in entries


def test_each_page_has_unique_title_description_canonical_and_open_graph(client, settings):
    settings.SITE_URL = "https://www.example.org"
    condition = make_condition(name="Multiple myeloma", summary="A cancer of plasma cells.")
    treatment = make_treatment(name="CAR-T")
    story = make_story(condition, title="Yuri's story", summary="How Yuri was treated with CAR-T in Beijing.")
    urls = ["/", "/conditions/", "/treatments/", "/stories/", "/privacy/", "/accessibility/", "/about-our-data/",
            condition.get_absolute_url(), treatment.get_absolute_url(), story.get_absolute_url()]
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


def test_condition_json_ld_matches_the_page(client, settings):
    settings.SITE_URL = "https://www.example.org"
    treatment = make_treatment(name="CAR-T cell therapy")
    condition = make_condition(name="Multiple myeloma", reviewed_by="Dr. Example", last_reviewed=date(2026, 10, 1))
    fill_condition(condition, 2)
    condition.condition_treatments.create(treatment=treatment, position=9)
    data = json_ld(client.get(condition.get_absolute_url()).content.decode())
    page = data["MedicalWebPage"]
    assert page["lastReviewed"] == "2026-10-01"
    assert page["reviewedBy"]["name"] == "Dr. Example"
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


def test_site_wide_json_ld_on_every_page(client):
    for url in ("/", "/stories/", "/privacy/", "/no-such-page/"):
        data = json_ld(client.get(url).content.decode())
        assert {"MedicalOrganization", "BreadcrumbList"} <= set(data)


def test_admin_shows_readability_next_to_the_target(staff_client):
    hard = make_treatment(description=(
        "Immunomodulatory pharmacotherapeutic interventions substantially ameliorate "
        "hematopoietic microenvironmental dysregulation, consequently attenuating "
        "proliferative oncogenic signalling cascades."))
    html = staff_client.get(reverse("admin:treatments_treatment_change", args=[hard.pk])).content.decode()
    assert "Reading age" in html and "target 9–11" in html and "harder than the target" in html
    story = make_story(make_condition())
    html = staff_client.get(reverse("admin:stories_patientstory_change", args=[story.pk])).content.decode()
    assert "Reading age" in html


def test_glossary_terms_are_shown_as_details(client):
    condition = make_condition()
    condition.glossary_terms.create(term="Plasma cell", explanation="A white blood cell that makes antibodies.")
    html = client.get(condition.get_absolute_url()).content.decode()
    assert '<details class="glossary"><summary>Plasma cell</summary>' in html
