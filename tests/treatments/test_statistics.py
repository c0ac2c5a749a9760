"""Outcome figures as evidence: group sizes and their uncertainty, what each measure means, and the data
check that keeps a figure that cannot be right off the site."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from tests.factories import make_condition, make_statistic, make_treatment
from treatments.models import OutcomeStatistic, wilson_interval

pytestmark = pytest.mark.django_db


def page_text(client, url):
    return re.sub(r"\s+", " ", client.get(url).content.decode())


def test_statistic_is_shown_readably_with_source_and_disclaimer(client):
    condition = make_condition()
    make_statistic(condition, measure="pfs", value=Decimal("62.5"), time_point_amount=6, time_point_unit="months",
                   patient_group="secondary plasma cell leukemia", source_kind="center",
                   citation_title="Long-term results of BCMA CAR-T", citation_authors="GoBroad CAR-T team",
                   source_year=2024, doi="10.1000/example.1")
    html = page_text(client, condition.get_absolute_url())
    assert "62.5%" in html
    assert "Progression-free survival (PFS) at 6 months" in html
    assert ("About 62 in every 100 patients in this group were alive without their disease getting worse "
            "(progression-free survival) at 6 months.") in html
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


@pytest.mark.parametrize(("count", "size", "low", "high"), [
    (5, 11, "21.3", "72.0"), (17, 18, "74.2", "99.0"), (5, 6, "43.6", "97.0"), (0, 10, "0.0", "27.8"),
    (10, 10, "72.2", "100.0"),
])
def test_wilson_intervals_match_published_values(count, size, low, high):
    assert tuple(f"{bound:.1f}" for bound in wilson_interval(count, size)) == (low, high)


def test_a_known_small_group_is_said_plainly_with_its_uncertainty_and_a_caution(client):
    condition = make_condition()
    make_statistic(condition, value=Decimal("45.5"), outcome_count=5, patient_count=11)
    html = page_text(client, condition.get_absolute_url())
    assert ("5 of 11 patients in this group had no remaining signs of the disease in their tests "
            "(complete remission).") in html
    assert ("In a group this small the true rate could be anywhere from about 21 to 72 in 100 "
            "(95% interval: 21.3–72.0%).") in html
    assert "A small group.</strong> Only 11 patients were studied." in html
    assert '<rect x="21.3" y="2" width="50.7"' in html  # the interval drawn on the bar
    assert "Group size not given" not in html


def test_the_count_is_worked_out_from_the_rate_when_only_one_whole_number_fits(client):
    condition = make_condition()
    make_statistic(condition, value=Decimal("83.3"), patient_count=6)
    html = page_text(client, condition.get_absolute_url())
    assert "5 of 6 patients in this group" in html and "about 44 to 97 in 100 (95% interval: 43.6–97.0%)" in html


def test_a_large_group_gets_its_interval_without_the_small_group_caution(client):
    condition = make_condition()
    make_statistic(condition, value=Decimal("50"), outcome_count=100, patient_count=200)
    html = page_text(client, condition.get_absolute_url())
    assert "100 of 200 patients in this group" in html
    assert "The true rate is likely to be between about 43 and 57 in 100 (95% interval: 43.1–56.9%)." in html
    assert "A small group" not in html


def test_an_unknown_group_size_is_said_with_a_caution(client):
    condition = make_condition()
    make_statistic(condition, value=Decimal("45.5"))
    html = page_text(client, condition.get_absolute_url())
    assert "Group size not given.</strong> The source does not say how many patients were in this group." in html
    assert "Figures from small groups can change a lot" in html
    assert "95% interval" not in html and "stat__bar-range" not in html


def test_each_figure_says_what_its_measure_means_in_the_source_s_own_term(client):
    condition = make_condition()
    make_statistic(condition, measure="objective", value=Decimal("100"))
    html = page_text(client, condition.get_absolute_url())
    assert "Objective response rate (ORR)" in html and "Overall response rate" not in html
    assert "Every patient in this group responded to treatment: the disease shrank or disappeared " \
           "(objective response)." in html
    assert "<dt>What it measures</dt><dd>The share of patients whose disease shrank by at least an agreed " \
           "amount" in html


def test_the_rate_is_worked_out_from_the_counts_when_left_empty():
    statistic = OutcomeStatistic(condition=make_condition(), title="T", patient_group="G", regimen="R",
                                 measure="cr", outcome_count=5, patient_count=11, source_kind="published")
    statistic.full_clean()
    assert statistic.value == Decimal("45.5")


def test_a_figure_needs_a_rate_or_both_counts():
    statistic = OutcomeStatistic(condition=make_condition(), title="T", patient_group="G", regimen="R",
                                 measure="cr", patient_count=11, source_kind="published")
    with pytest.raises(ValidationError) as error:
        statistic.full_clean()
    assert error.value.message_dict["value"] == [
        "Give the rate, or the number of patients with the outcome and the number in the group."]


def draft(condition, **fields):
    return make_statistic(condition, is_published=False, **fields)


@pytest.mark.parametrize(("fields", "problem"), [
    ({"value": Decimal("50"), "outcome_count": 5, "patient_count": 11},
     "5 of 11 patients is not 50%, even rounded: check the numbers against the source."),
    ({"value": Decimal("100"), "outcome_count": 12, "patient_count": 11},
     "More patients have the outcome (12) than are in the group (11)."),
    ({"value": Decimal("45.5"), "patient_count": 12},
     "45.5% of 12 patients is not a whole number of patients: check the rate and the group size against the "
     "source."),
    ({"measure": "pfs", "value": Decimal("60")},
     "A survival figure needs the time point it was measured at, e.g. 6 months."),
    ({"measure": "efs", "value": Decimal("60")},
     "A survival figure needs the time point it was measured at, e.g. 6 months."),
    ({"source_kind": "", "citation_title": ""}, "Add the source: its kind, or the title of the study."),
])
def test_each_rule_of_the_data_check_stops_publishing(fields, problem):
    statistic = draft(make_condition(), **fields)
    assert problem in statistic.data_problems()
    statistic.full_clean()  # a draft may be saved with problems, to be fixed later
    statistic.is_published = True
    with pytest.raises(ValidationError) as error:
        statistic.full_clean()
    assert error.value.message_dict["is_published"] == [
        "This figure cannot be published until the data check passes:", *statistic.data_problems()]


def test_a_rate_outside_0_to_100_is_refused_by_the_model_and_the_database():
    statistic = draft(make_condition())
    statistic.value = Decimal("120")
    assert "The rate must be between 0 and 100%." in statistic.data_problems()
    with pytest.raises(ValidationError) as error:
        statistic.full_clean()
    assert "value" in error.value.message_dict
    with pytest.raises(IntegrityError):
        statistic.save()


@pytest.mark.parametrize(("value", "count", "size"), [
    (Decimal("45.5"), 5, 11), (Decimal("45"), 5, 11), (Decimal("94.4"), 17, 18), (Decimal("0"), 0, 10),
])
def test_counts_that_give_the_rate_when_rounded_pass(value, count, size):
    assert draft(make_condition(), value=value, outcome_count=count, patient_count=size).data_problems() == []


def test_progression_free_above_overall_survival_of_the_same_patients_holds_both_back():
    condition = make_condition()
    pfs = draft(condition, title="PFS", measure="pfs", value=Decimal("62.5"), time_point_amount=6,
                time_point_unit="months")
    overall = draft(condition, title="OS", measure="os", value=Decimal("60"), time_point_amount=6,
                    time_point_unit="months", same_group_as=pfs)
    message = ("Progression-free survival (PFS) (62.5%) cannot be higher than Overall survival (OS) (60%) in the "
               "same patients at the same time: check both figures against the source.")
    assert pfs.data_problems() == [message] and overall.data_problems() == [message]
    overall.is_published = True
    with pytest.raises(ValidationError):
        overall.full_clean()
    # At another time point, or in another group, the figures do not contradict each other.
    overall.time_point_amount = 12
    assert overall.data_problems() == []
    overall.time_point_amount, overall.same_group_as = 6, None
    assert overall.data_problems() == []


def test_event_free_above_overall_survival_and_remission_above_response_are_caught():
    condition = make_condition()
    efs = draft(condition, measure="efs", value=Decimal("70"), time_point_amount=1, time_point_unit="years")
    overall = draft(condition, measure="os", value=Decimal("65"), time_point_amount=1, time_point_unit="years",
                    same_group_as=efs)
    assert "Event-free survival (EFS) (70%) cannot be higher than Overall survival (OS) (65%)" in (
        overall.data_problems()[0])
    remission = draft(condition, measure="cr", value=Decimal("90"))
    response = draft(condition, measure="objective", value=Decimal("80"), same_group_as=remission)
    assert response.data_problems() == [
        "Complete remission rate (CR) (90%) cannot be higher than Objective response rate (ORR) (80%) in the same "
        "patients at the same time: check both figures against the source."]


def test_figures_about_the_same_patients_must_agree_on_the_group_size():
    condition = make_condition()
    first = draft(condition, title="First", value=Decimal("50"), patient_count=10)
    second = draft(condition, title="Second", measure="orr", value=Decimal("75"), patient_count=12,
                   same_group_as=first)
    assert "“First” is about the same patients but gives 10 of them, not 12." in second.data_problems()


def test_a_group_link_goes_to_the_group_s_first_figure_and_stays_within_one_condition():
    condition = make_condition()
    first = draft(condition)
    second = draft(condition, same_group_as=first)
    third = draft(condition, measure="orr", value=Decimal("60"))
    third.same_group_as = second
    third.full_clean()
    assert third.same_group_as == first
    elsewhere = draft(make_condition(), same_group_as=None)
    elsewhere.same_group_as = first
    with pytest.raises(ValidationError) as error:
        elsewhere.full_clean()
    assert error.value.message_dict["same_group_as"] == [
        "Figures about the same patients must be about the same condition."]


def test_unpublished_statistic_is_not_shown(client):
    condition = make_condition()
    make_statistic(condition, value=Decimal("12.3"), is_published=False, source_kind="")
    assert "12.3%" not in client.get(condition.get_absolute_url()).content.decode()


def test_a_published_figure_that_fails_the_check_warns_staff_never_the_public(client, staff_client):
    condition = make_condition()
    treatment = make_treatment()
    pfs = make_statistic(condition, [treatment], measure="pfs", value=Decimal("62.5"), time_point_amount=6,
                         time_point_unit="months")
    make_statistic(condition, [treatment], measure="os", value=Decimal("60"), time_point_amount=6,
                   time_point_unit="months", same_group_as=pfs)  # saved without the check, as before it existed
    for url in (condition.get_absolute_url(), treatment.get_absolute_url()):
        staff_html = page_text(staff_client, url)
        assert staff_html.count("Data check (only staff see this)") == 2
        assert "cannot be higher than Overall survival (OS) (60%)" in staff_html
        public_html = page_text(client, url)
        assert "62.5%" in public_html and "Data check" not in public_html


def test_admin_refuses_to_publish_a_figure_that_fails_the_check_and_keeps_what_was_typed(staff_client):
    condition = make_condition()
    response = staff_client.post(reverse("admin:treatments_outcomestatistic_add"), {
        "title": "Typed title", "condition": condition.pk, "patient_group": "G", "regimen": "R", "measure": "cr",
        "value": "50", "outcome_count": "5", "patient_count": "11", "source_kind": "", "citation_title": "",
        "is_published": "on", "position": 0,
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "This figure cannot be published until the data check passes:" in html
    assert "5 of 11 patients is not 50%, even rounded" in html
    assert "Add the source: its kind, or the title of the study." in html
    assert 'value="Typed title"' in html
    assert not OutcomeStatistic.objects.exists()


def test_admin_saves_a_failing_figure_as_a_draft_and_shows_what_the_check_finds(staff_client):
    condition = make_condition()
    response = staff_client.post(reverse("admin:treatments_outcomestatistic_add"), {
        "title": "Held back", "condition": condition.pk, "patient_group": "G", "regimen": "R", "measure": "pfs",
        "value": "62.5", "source_kind": "published", "position": 0,
    })
    assert response.status_code == 302
    statistic = OutcomeStatistic.objects.get()
    assert not statistic.is_published
    html = staff_client.get(reverse("admin:treatments_outcomestatistic_change", args=[statistic.pk])).content.decode()
    assert "A survival figure needs the time point it was measured at, e.g. 6 months." in html
    listing = staff_client.get(reverse("admin:treatments_outcomestatistic_changelist") + "?data_check=fails")
    assert "Held back" in listing.content.decode()
    listing = staff_client.get(reverse("admin:treatments_outcomestatistic_changelist") + "?data_check=passes")
    assert "Held back" not in listing.content.decode()


def test_every_page_with_figures_links_to_about_our_data(client):
    condition = make_condition()
    treatment = make_treatment()
    make_statistic(condition, [treatment])
    for url in (condition.get_absolute_url(), treatment.get_absolute_url()):
        assert 'href="/en/about-our-data/"' in client.get(url).content.decode().split("<footer", 1)[0], url


def test_the_home_page_links_to_results_without_showing_a_figure_alone(client):
    condition = make_condition(name="Myeloma")
    make_statistic(condition, value=Decimal("94.4"), is_highlighted=True)
    make_statistic(condition, value=Decimal("83.3"), is_highlighted=True)
    make_statistic(condition, value=Decimal("12.5"), is_highlighted=True, is_published=False, source_kind="")
    make_statistic(make_condition(name="Not listed"), value=Decimal("50"))
    html = page_text(client, "/en/")
    assert f'<a href="{condition.get_absolute_url()}#outcomes"><span>Myeloma</span>: 2 reported results</a>' in html
    assert "94.4%" not in html and "83.3%" not in html and "Not listed" not in html


def test_about_our_data_explains_every_measure_intervals_and_held_back_figures(client):
    html = page_text(client, reverse("about_our_data"))
    for measure, label in OutcomeStatistic.Measure.choices:
        if measure != "other":
            assert f"<dt>{label}</dt>" in html
    assert "a 95% interval, worked out with the Wilson method" in html
    assert "Figures from fewer than 30 patients carry a caution" in html
    assert "Why a figure may be held back" in html
    assert "progression-free survival cannot be higher than overall survival" in html


def test_the_condition_admin_lists_its_figures_each_edited_on_its_own_page(staff_client):
    condition = make_condition()
    statistic = make_statistic(condition, title="Listed figure")
    html = staff_client.get(reverse("admin:conditions_condition_change", args=[condition.pk])).content.decode()
    assert "Listed figure" in html
    assert reverse("admin:treatments_outcomestatistic_change", args=[statistic.pk]) in html
    assert 'name="outcome_statistics-0-value"' not in html  # read-only here: the data check runs on its own page
