"""Outcome figures: shown readably with their source, never published without one."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from tests.factories import make_condition, make_statistic, make_treatment
from treatments.models import OutcomeStatistic

pytestmark = pytest.mark.django_db


def test_statistic_is_shown_readably_with_source_and_disclaimer(client):
    condition = make_condition()
    make_statistic(condition, measure="pfs", value=Decimal("62.5"), time_point="6 months",
                   patient_group="secondary plasma cell leukemia", source_kind="center",
                   citation_title="Long-term results of BCMA CAR-T", citation_authors="GoBroad CAR-T team",
                   source_year=2024, doi="10.1000/example.1")
    html = client.get(condition.get_absolute_url()).content.decode()
    assert "62.5%" in html
    assert "Progression-free survival (PFS)" in html
    assert "About 62 in every 100 patients in this group were alive without their disease getting worse" in html
    assert "secondary plasma cell leukemia" in html
    assert "Our own long-term follow-up of our patients: <cite>Long-term results of BCMA CAR-T</cite>" in html
    assert "GoBroad CAR-T team" in html and "(2024)" in html
    assert '<a href="https://doi.org/10.1000/example.1">10.1000/example.1</a>' in html
    assert "individual outcomes vary" in html
    assert 'href="/en/about-our-data/"' in html
    assert '<rect width="62.5"' in html  # the bar is as long as the figure


def test_whole_percentages_read_exactly():
    statistic = OutcomeStatistic(value=Decimal("100"), measure="orr")
    assert statistic.per_hundred == 100 and statistic.is_exact_per_hundred
    assert OutcomeStatistic(value=Decimal("94.4")).per_hundred == 94
    assert OutcomeStatistic(value=Decimal("45.5")).per_hundred == 45


def test_statistic_cannot_be_published_without_a_source():
    condition = make_condition()
    statistic = OutcomeStatistic(condition=condition, title="T", patient_group="G", regimen="R",
                                 measure="cr", value=Decimal("50"), is_published=True, citation_title=" ")
    with pytest.raises(ValidationError) as error:
        statistic.full_clean()
    assert "source_kind" in error.value.message_dict
    statistic.citation_title = ""
    with pytest.raises(IntegrityError):
        statistic.save()


def test_statistic_value_must_be_a_percentage():
    condition = make_condition()
    statistic = OutcomeStatistic(condition=condition, title="T", patient_group="G", regimen="R",
                                 measure="cr", value=Decimal("120"), source_kind="published")
    with pytest.raises(ValidationError) as error:
        statistic.full_clean()
    assert "value" in error.value.message_dict


def test_unpublished_statistic_is_not_shown(client):
    condition = make_condition()
    make_statistic(condition, value=Decimal("12.3"), is_published=False, source_kind="")
    assert "12.3%" not in client.get(condition.get_absolute_url()).content.decode()


def test_every_page_with_figures_links_to_about_our_data(client):
    condition = make_condition(is_featured=True)
    treatment = make_treatment()
    make_statistic(condition, [treatment], is_highlighted=True)
    for url in ("/en/", condition.get_absolute_url(), treatment.get_absolute_url()):
        assert 'href="/en/about-our-data/"' in client.get(url).content.decode().split("<footer", 1)[0], url


def test_admin_refuses_to_publish_a_statistic_without_source(staff_client):
    condition = make_condition()
    response = staff_client.post(reverse("admin:treatments_outcomestatistic_add"), {
        "title": "T", "condition": condition.pk, "patient_group": "G", "regimen": "R", "measure": "cr",
        "value": "50", "source_kind": "", "citation_title": "", "is_published": "on", "position": 0,
    })
    assert response.status_code == 200
    assert "Add the source before publishing this figure: its kind, or the title of the study." in (
        response.content.decode())
    assert not OutcomeStatistic.objects.exists()
