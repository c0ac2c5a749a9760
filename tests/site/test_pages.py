"""Site-wide pages: the home page and its chrome, fixed pages, the health check and error pages."""

from decimal import Decimal

import pytest
from django.db import DatabaseError
from django.test import Client

from tests.factories import make_condition, make_statistic, make_story, make_treatment


@pytest.mark.django_db
def test_home_has_navigation_and_footer_disclaimer(client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    for href in ("/en/conditions/", "/en/treatments/", "/en/stories/", "/en/consult/", "/en/privacy/",
                 "/en/accessibility/"):
        assert f'href="{href}"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "individual outcomes vary" in html
    assert "not an emergency service" in html


@pytest.mark.django_db
def test_home_shows_no_empty_sections_without_content(client):
    html = client.get("/en/").content.decode()
    headings = ("Conditions we treat", "How we treat", "Results we have reported", "Patient stories</h2>")
    for heading in headings:
        assert heading not in html


def test_home_sections_appear_with_content(client, demo):
    html = client.get("/en/").content.decode()
    assert "Conditions we treat" in html
    assert "Multiple myeloma" in html


@pytest.mark.django_db
def test_list_pages_queries_do_not_grow_with_content(count_queries):
    def add_featured_content():
        condition = make_condition(is_featured=True)
        child_parent = make_treatment(is_featured=True)
        make_treatment(parent=child_parent)
        make_statistic(condition, [child_parent], is_highlighted=True)
        make_story(condition, [child_parent], is_featured=True)

    add_featured_content()
    counts_small = [count_queries(url) for url in ("/en/", "/en/conditions/", "/en/treatments/")]
    for _ in range(20):
        add_featured_content()
    counts_large = [count_queries(url) for url in ("/en/", "/en/conditions/", "/en/treatments/")]
    assert counts_small == counts_large


@pytest.mark.django_db
def test_about_our_data_explains_the_measures(client):
    html = client.get("/en/about-our-data/").content.decode()
    for text in ("Complete remission rate (CR)", "Overall response rate (ORR)", "Objective response rate (ORR)",
                 "Progression-free survival (PFS)",
                 "Overall survival (OS)", "published studies", "follow-up", "Individual results vary"):
        assert text in html


@pytest.mark.django_db
def test_privacy_and_accessibility_pages_cover_what_they_must(client, settings):
    privacy = client.get("/en/privacy/").content.decode()
    for text in ("What we collect", "Why we collect it", "Who sees it", "How long we keep it", "deletion",
                 f"Version of {settings.PRIVACY_NOTICE_VERSION}", f"{settings.CONSULT_RETENTION_DAYS} days"):
        assert text in privacy
    accessibility = client.get("/en/accessibility/").content.decode()
    for text in ("WCAG) 2.2 at level AA", "How we test it", "Known gaps", "Reporting a problem", "Last updated"):
        assert text in accessibility


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
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "We cannot find this page" in response.content.decode()
    assert "Request a consultation" in response.content.decode()


def test_500_page_renders_without_a_database():
    # No `db` fixture: pytest-django makes any query in this test raise.
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Something went wrong on our side" in html
    assert 'href="/en/"' in html


@pytest.mark.django_db
def test_server_error_returns_branded_500(settings):
    settings.ROOT_URLCONF = "tests.site.urls_error"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_home_leads_with_conditions_treatments_and_stories_then_sums_up_results_in_links(client):
    condition = make_condition(name="Myeloma", is_featured=True)
    treatment = make_treatment(name="CAR-T cell therapy", is_featured=True)
    make_story(condition, [treatment], is_featured=True)
    make_statistic(condition, [treatment], is_highlighted=True, value=Decimal("83.3"))
    html = client.get("/en/").content.decode()
    places = [html.index(f'id="{heading}"') for heading in ("home-conditions", "home-treatments", "stories-heading",
                                                             "home-results")]
    assert places == sorted(places)
    results = html.split('id="home-results"', 1)[1].split("</section>", 1)[0]
    assert results.count("<li>") == 1 and f'href="{condition.get_absolute_url()}#outcomes"' in results
    assert "83.3" not in html and 'class="stat"' not in html  # figures only where their source is given
