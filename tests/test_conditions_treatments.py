"""Conditions, treatments and outcome statistics as edited content (issue 3)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import fill_condition, make_condition, make_statistic, make_story, make_treatment
from treatments.models import OutcomeStatistic

pytestmark = pytest.mark.django_db


def test_condition_list_shows_published_conditions_only(client):
    make_condition(name="Published one")
    make_condition(name="Hidden draft", is_published=False)
    html = client.get("/conditions/").content.decode()
    assert "Published one" in html
    assert "Hidden draft" not in html


def test_draft_condition_is_404_for_public_and_previewable_by_staff(client, staff_client):
    condition = make_condition(is_published=False)
    assert client.get(condition.get_absolute_url()).status_code == 404
    response = staff_client.get(condition.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()


def test_draft_treatment_is_404_for_public_and_previewable_by_staff(client, staff_client):
    treatment = make_treatment(is_published=False)
    assert client.get(treatment.get_absolute_url()).status_code == 404
    assert staff_client.get(treatment.get_absolute_url()).status_code == 200


def test_condition_page_has_jump_links_sections_and_call_to_action(client):
    condition = make_condition(slug="multiple-myeloma", diagnosis="Tests.", treatment_approach="Plans.")
    fill_condition(condition, 2)
    html = client.get("/conditions/multiple-myeloma/").content.decode()
    assert "On this page" in html
    for anchor in ("overview", "symptoms", "diagnosis", "treatment", "outcomes", "why-us", "words"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert 'href="/consult/?condition=multiple-myeloma"' in html


def test_unpublished_treatment_is_not_linked_from_a_condition(client):
    condition = make_condition()
    fill_condition(condition, 1)
    hidden = make_treatment(name="Secret trial", is_published=False)
    condition.condition_treatments.create(treatment=hidden, position=9)
    assert "Secret trial" not in client.get(condition.get_absolute_url()).content.decode()


def test_statistic_is_shown_readably_with_source_and_disclaimer(client):
    condition = make_condition()
    make_statistic(condition, measure="pfs", value=Decimal("62.5"), time_point="6 months",
                   patient_group="secondary plasma cell leukemia", source_citation="GoBroad follow-up")
    html = client.get(condition.get_absolute_url()).content.decode()
    assert "62.5%" in html
    assert "Progression-free survival (PFS)" in html
    assert "About 62 in every 100 patients in this group were alive without their disease getting worse" in html
    assert "secondary plasma cell leukemia" in html
    assert "GoBroad follow-up" in html
    assert "individual outcomes vary" in html
    assert 'href="/about-our-data/"' in html
    assert '<rect width="62.5"' in html  # the bar is as long as the figure


def test_whole_percentages_read_exactly():
    statistic = OutcomeStatistic(value=Decimal("100"), measure="orr")
    assert statistic.per_hundred == 100 and statistic.is_exact_per_hundred
    assert OutcomeStatistic(value=Decimal("94.4")).per_hundred == 94
    assert OutcomeStatistic(value=Decimal("45.5")).per_hundred == 45


def test_statistic_cannot_be_published_without_a_source():
    condition = make_condition()
    statistic = OutcomeStatistic(condition=condition, title="T", patient_group="G", regimen="R",
                                 measure="cr", value=Decimal("50"), is_published=True, source_citation=" ")
    with pytest.raises(ValidationError) as error:
        statistic.full_clean()
    assert "source_citation" in error.value.message_dict
    statistic.source_citation = ""
    with pytest.raises(IntegrityError):
        statistic.save()


def test_statistic_value_must_be_a_percentage():
    condition = make_condition()
    statistic = OutcomeStatistic(condition=condition, title="T", patient_group="G", regimen="R",
                                 measure="cr", value=Decimal("120"), source_citation="S")
    with pytest.raises(ValidationError) as error:
        statistic.full_clean()
    assert "value" in error.value.message_dict


def test_unpublished_statistic_is_not_shown(client):
    condition = make_condition()
    make_statistic(condition, value=Decimal("12.3"), is_published=False, source_citation="")
    assert "12.3%" not in client.get(condition.get_absolute_url()).content.decode()


def test_editor_script_never_reaches_the_page(client):
    condition = make_condition(
        overview='Hello <script>alert("x")</script> **bold** [link](javascript:alert(1)) <img src=x onerror=alert(1)>',
    )
    html = client.get(condition.get_absolute_url()).content.decode()
    main = html.split('<main id="main"', 1)[1]
    assert "<script>alert" not in main
    assert "javascript:" not in main
    assert "onerror" not in main
    assert "<strong>bold</strong>" in main


def test_treatments_are_grouped_by_category_with_subtherapies(client):
    parent = make_treatment(name="Immunotherapy", category="immunotherapy")
    make_treatment(name="CAR-T cell therapy", category="immunotherapy", parent=parent)
    make_treatment(name="Radiotherapy", category="radiotherapy")
    html = client.get("/treatments/").content.decode()
    assert html.index("Radiotherapy</h2>") < html.index("Immunotherapy</h2>")
    assert html.index("Immunotherapy</a>") < html.index("CAR-T cell therapy</a>")


def test_treatment_page_lists_conditions_statistics_and_stories(client):
    treatment = make_treatment(name="CAR-T cell therapy")
    condition = make_condition(name="Multiple myeloma")
    condition.condition_treatments.create(treatment=treatment)
    make_statistic(condition, [treatment], value=Decimal("83.3"), measure="orr")
    make_story(condition, [treatment], title="Yuri's story")
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Multiple myeloma" in html
    assert "83.3%" in html
    assert "Yuri&#x27;s story" in html
    assert "Request a consultation" in html


def test_subtherapy_must_belong_to_a_main_treatment():
    top = make_treatment()
    middle = make_treatment(parent=top)
    bottom = make_treatment()
    bottom.parent = middle
    with pytest.raises(ValidationError):
        bottom.full_clean()


def _query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_condition_page_queries_do_not_grow_with_content(client):
    small, large = make_condition(), make_condition()
    fill_condition(small, 3)
    fill_condition(large, 30)
    for condition, n in ((small, 3), (large, 30)):
        for _ in range(n):
            make_story(condition)
    assert _query_count(client, small.get_absolute_url()) == _query_count(client, large.get_absolute_url())


def test_treatment_page_queries_do_not_grow_with_content(client):
    small, large = make_treatment(), make_treatment()
    for treatment, n in ((small, 3), (large, 30)):
        for _ in range(n):
            condition = make_condition()
            condition.condition_treatments.create(treatment=treatment)
            make_statistic(condition, [treatment])
            make_story(condition, [treatment])
            make_treatment(parent=treatment)
    assert _query_count(client, small.get_absolute_url()) == _query_count(client, large.get_absolute_url())


def test_list_pages_queries_do_not_grow_with_content(client):
    def add_featured_content():
        condition = make_condition(is_featured=True)
        child_parent = make_treatment(is_featured=True)
        make_treatment(parent=child_parent)
        make_statistic(condition, [child_parent], is_highlighted=True)
        make_story(condition, [child_parent], is_featured=True)

    add_featured_content()
    counts_small = [_query_count(client, url) for url in ("/", "/conditions/", "/treatments/")]
    for _ in range(20):
        add_featured_content()
    counts_large = [_query_count(client, url) for url in ("/", "/conditions/", "/treatments/")]
    assert counts_small == counts_large


@pytest.mark.parametrize("url_name", [
    "admin:conditions_condition_changelist", "admin:conditions_condition_add",
    "admin:treatments_treatment_changelist", "admin:treatments_treatment_add",
    "admin:treatments_outcomestatistic_changelist", "admin:treatments_outcomestatistic_add",
])
def test_admin_pages_load_for_staff(staff_client, url_name):
    make_condition()
    assert staff_client.get(reverse(url_name)).status_code == 200


def test_admin_change_pages_show_readability_and_view_on_site(staff_client):
    condition = make_condition(overview="Myeloma is a cancer of plasma cells. It starts in the bone marrow.")
    fill_condition(condition, 2)
    html = staff_client.get(reverse("admin:conditions_condition_change", args=[condition.pk])).content.decode()
    assert "Reading age" in html and "target" in html
    assert "View on site" in html


def test_admin_refuses_to_publish_a_statistic_without_source(staff_client):
    condition = make_condition()
    response = staff_client.post(reverse("admin:treatments_outcomestatistic_add"), {
        "title": "T", "condition": condition.pk, "patient_group": "G", "regimen": "R", "measure": "cr",
        "value": "50", "source_citation": "", "is_published": "on", "position": 0,
    })
    assert response.status_code == 200
    assert "Add the source before publishing this figure." in response.content.decode()
    assert not OutcomeStatistic.objects.exists()


def test_overdue_review_filter_in_admin(staff_client):
    make_condition(name="Overdue page", next_review_due="2020-01-01")
    make_condition(name="Fresh page", next_review_due="2099-01-01")
    html = staff_client.get(reverse("admin:conditions_condition_changelist") + "?review=overdue").content.decode()
    assert "Overdue page" in html and "Fresh page" not in html
