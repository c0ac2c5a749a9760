"""Medical review of clinical text: the review line on every page type, JSON-LD, and what the admin counts."""

import json
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import (
    make_condition,
    make_doctor,
    make_glossary_term,
    make_story,
    make_treatment,
)

pytestmark = pytest.mark.django_db

NOT_REVIEWED = "This page has not yet been reviewed by our medical team."
FUTURE = date.today() + timedelta(days=300)


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def make_page(kind, **review):
    if kind == "condition":
        return make_condition(**review)
    if kind == "treatment":
        return make_treatment(**review)
    return make_story(make_condition(), **review)


@pytest.mark.parametrize("kind", ["condition", "treatment", "story"])
def test_a_reviewed_page_names_the_doctor_with_a_link_and_both_dates(client, kind):
    reviewer = make_doctor(name="Example", slug="example", title="Dr.")
    page = make_page(kind, reviewer=reviewer, last_reviewed=date(2026, 10, 1), next_review_due=FUTURE)
    html = client.get(page.get_absolute_url()).content.decode()
    assert re.search(r'Medically reviewed by <a href="/en/doctors/example/">Dr. Example</a> on '
                     r'<time datetime="2026-10-01">Oct. 1, 2026</time>. Next review due '
                     rf'<time datetime="{FUTURE.isoformat()}">', html)
    assert NOT_REVIEWED not in html


@pytest.mark.parametrize("kind", ["condition", "treatment", "story"])
def test_a_page_without_a_reviewer_or_a_date_says_it_has_not_been_reviewed(client, kind):
    doctor = make_doctor()
    for review in ({}, {"reviewer": doctor}, {"last_reviewed": date(2026, 1, 5)}):
        page = make_page(kind, **review)
        html = client.get(page.get_absolute_url()).content.decode()
        assert NOT_REVIEWED in html
        assert "Medically reviewed by" not in html


@pytest.mark.parametrize("kind", ["condition", "treatment", "story"])
def test_a_page_past_its_review_date_says_when_the_review_was_due(client, kind):
    page = make_page(kind, reviewer=make_doctor(), last_reviewed=date(2024, 1, 1), next_review_due=date(2025, 1, 1))
    html = client.get(page.get_absolute_url()).content.decode()
    assert 'The next review was due on <time datetime="2025-01-01">Jan. 1, 2025</time>.' in html
    assert "Next review due" not in html


def test_a_reviewer_without_a_published_profile_is_named_without_a_link(client):
    reviewer = make_doctor(name="Hidden", slug="hidden", is_published=False)
    condition = make_condition(reviewer=reviewer, last_reviewed=date(2026, 3, 1))
    html = client.get(condition.get_absolute_url()).content.decode()
    assert "Medically reviewed by <span>Dr. Hidden</span> on" in html
    assert "/doctors/hidden/" not in html
    page = next(item for item in json_ld(html)["@graph"] if item["@type"] == "MedicalWebPage")
    assert page["reviewedBy"] == {"@type": "Physician", "name": "Hidden"}


def test_each_glossary_term_shows_its_own_review(client):
    condition = make_condition()
    make_glossary_term(condition, term="Plasma cell", reviewer=make_doctor(name="Checker", slug="checker"),
                       last_reviewed=date(2026, 6, 2))
    make_glossary_term(condition, term="M-protein")
    html = client.get(condition.get_absolute_url()).content.decode()
    checked, unchecked = html.split("<summary>Plasma cell</summary>")[1].split("<summary>M-protein</summary>")
    assert 'Medically reviewed by <a href="/en/doctors/checker/">Dr. Checker</a> on' in checked.split("</details>")[0]
    assert "This explanation has not yet been reviewed by our medical team." in unchecked.split("</details>")[0]


@pytest.mark.parametrize("kind", ["condition", "treatment"])
def test_json_ld_carries_the_review_only_when_there_was_one(client, kind):
    reviewed = make_page(kind, reviewer=make_doctor(slug="rev"), last_reviewed=date(2026, 2, 3))
    half = make_page(kind, reviewer=make_doctor())
    page = next(item for item in json_ld(client.get(reviewed.get_absolute_url()).content.decode())["@graph"]
                if item["@type"] == "MedicalWebPage")
    assert page["lastReviewed"] == "2026-02-03" and page["reviewedBy"]["url"].endswith("/en/doctors/rev/")
    page = next(item for item in json_ld(client.get(half.get_absolute_url()).content.decode())["@graph"]
                if item["@type"] == "MedicalWebPage")
    assert "lastReviewed" not in page and "reviewedBy" not in page


def test_a_reviewed_story_carries_its_review_on_a_web_page_entity(client):
    story = make_story(make_condition(), reviewer=make_doctor(slug="rev"), last_reviewed=date(2026, 2, 3))
    graph = json_ld(client.get(story.get_absolute_url()).content.decode())["@graph"]
    page = next(item for item in graph if item["@type"] == "WebPage")
    article = next(item for item in graph if item["@type"] == "Article")
    assert page["lastReviewed"] == "2026-02-03" and page["mainEntity"] == {"@id": article["@id"]}
    unreviewed = make_story(make_condition())
    graph = json_ld(client.get(unreviewed.get_absolute_url()).content.decode())["@graph"]
    assert not [item for item in graph if item["@type"] == "WebPage" or "lastReviewed" in item]


def test_review_dates_must_make_sense():
    condition = make_condition(reviewer=make_doctor(), last_reviewed=date(2026, 5, 1), next_review_due=date(2026, 4, 1))
    with pytest.raises(ValidationError) as error:
        condition.full_clean()
    assert "The next review must come after the last one." in str(error.value)
    condition.last_reviewed, condition.next_review_due = date.today() + timedelta(days=2), None
    with pytest.raises(ValidationError) as error:
        condition.full_clean()
    assert "A review date cannot be in the future." in str(error.value)


def test_admin_home_counts_never_reviewed_beside_overdue(staff_client):
    yesterday = date.today() - timedelta(days=1)
    doctor = make_doctor()
    make_condition(reviewer=doctor, last_reviewed=date(2025, 1, 1), next_review_due=yesterday)
    make_treatment(reviewer=doctor, last_reviewed=date(2025, 1, 1), next_review_due=yesterday)
    make_treatment(reviewer=doctor, last_reviewed=date(2025, 1, 1), next_review_due=FUTURE)
    make_treatment()
    make_story(make_condition(reviewer=doctor, last_reviewed=date(2025, 1, 1)))
    html = staff_client.get(reverse("admin:index")).content.decode()
    # never reviewed: one treatment and one story; overdue: one condition and one treatment
    assert "2 have never been reviewed by a doctor." in html
    assert "2 are past their review date." in html
    assert re.search(r'Treatments:\s*<a href="[^"]*\?review=never">1 never reviewed</a>,\s*'
                     r'<a href="[^"]*\?review=overdue">1 past its review date</a>', html)
    assert re.search(r'Patient stories:\s*<a href="[^"]*\?review=never">1 never reviewed</a>', html)


def test_admin_home_says_when_nothing_needs_review(staff_client):
    make_condition(reviewer=make_doctor(), last_reviewed=date(2026, 1, 1), next_review_due=FUTURE)
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "A doctor has reviewed every page and every explained word, and none is past its review date." in html


def test_admin_home_counts_glossary_terms_never_reviewed(staff_client):
    make_glossary_term(make_condition(reviewer=make_doctor(), last_reviewed=date(2026, 1, 1)))
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert re.search(r'Words explained:\s*<a href="/admin/conditions/glossaryterm/\?review=never">1 never reviewed',
                     html)


@pytest.mark.parametrize(("review", "shown", "hidden"), [
    ("never", "Unchecked page", "Checked page"),
    ("overdue", "Overdue page", "Fresh page"),
    ("current", "Checked page", "Unchecked page"),
])
def test_review_filters_in_the_admin_lists(staff_client, review, shown, hidden):
    doctor = make_doctor()
    make_condition(name="Unchecked page", next_review_due=FUTURE)
    make_condition(name="Checked page", reviewer=doctor, last_reviewed=date(2026, 1, 1), next_review_due=FUTURE)
    make_condition(name="Overdue page", reviewer=doctor, last_reviewed=date(2020, 1, 1), next_review_due="2021-01-01")
    make_condition(name="Fresh page", reviewer=doctor, last_reviewed=date(2026, 1, 1), next_review_due="2099-01-01")
    html = staff_client.get(reverse("admin:conditions_condition_changelist") + f"?review={review}").content.decode()
    assert shown in html and hidden not in html


def test_treatment_and_story_lists_filter_never_reviewed(staff_client):
    make_treatment(name="Old page", reviewer=make_doctor(), last_reviewed=date(2020, 1, 1))
    make_treatment(name="New page")
    html = staff_client.get(reverse("admin:treatments_treatment_changelist") + "?review=never").content.decode()
    assert "New page" in html and "Old page" not in html
    make_story(make_condition(), title="Unchecked story")
    html = staff_client.get(reverse("admin:stories_patientstory_changelist") + "?review=never").content.decode()
    assert "Unchecked story" in html and "Never reviewed" in html
