"""The staff site as editors meet it: whose it is, long texts in boxes, a long page folded."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from tests.factories import make_condition, make_doctor, make_symptom

pytestmark = pytest.mark.django_db


def test_the_staff_site_says_whose_it_is(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "<title>Content and consultation requests | GoBroad Hematology — staff</title>" in html
    assert "GoBroad Hematology — staff" in html and "Django administration" not in html


def test_long_texts_are_typed_in_boxes_and_names_in_lines(staff_client):
    condition = make_condition()
    page = lxml_html.fromstring(staff_client.get(reverse("admin:conditions_condition_change",
                                                          args=[condition.pk])).content)
    assert page.xpath("//textarea[@name='summary']"), "a summary of up to 300 characters"
    assert page.xpath("//input[@name='name']"), "a name stays one line"


@pytest.mark.parametrize(("admin_page", "long", "short"), [
    ("admin:treatments_outcomestatistic_add", ["regimen", "patient_group", "citation_title", "citation_authors"],
     "title"),
    ("admin:conditions_glossaryterm_add", ["explanation"], "term"),
])
def test_texts_of_a_sentence_or_more_are_typed_in_boxes_of_several_lines(staff_client, admin_page, long, short):
    page = lxml_html.fromstring(staff_client.get(reverse(admin_page)).content)
    for name in long:
        assert page.xpath(f"//textarea[@name='{name}']"), name
    assert page.xpath(f"//input[@name='{short}']"), f"{short} stays one line"


def test_the_rows_of_a_long_page_are_folded_until_opened(staff_client):
    condition = make_condition()
    make_symptom(condition)
    page = lxml_html.fromstring(staff_client.get(reverse("admin:conditions_condition_change",
                                                          args=[condition.pk])).content)
    folded = page.xpath("//div[contains(@class, 'inline-group')]//details")
    assert folded and all("open" not in details.attrib for details in folded)
    assert page.xpath("//div[contains(@class, 'inline-group')]//details//summary")


def _folded_parts(client, condition, language="en"):
    page = lxml_html.fromstring(client.get(reverse("admin:conditions_condition_change", args=[condition.pk]),
                                           {"language": language}).content)
    return {heading.text_content().strip() for heading in page.xpath("//fieldset//details/summary//h2")}


def test_a_current_medical_review_and_the_originals_language_details_are_folded_until_opened(staff_client):
    today = timezone.localdate()
    reviewed = make_condition(reviewer=make_doctor(), last_reviewed=today - timedelta(days=30),
                              next_review_due=today + timedelta(days=300))
    assert {"Medical review", "This language version", "Outcome statistics"} <= _folded_parts(staff_client, reviewed)
    # Open where the editor has something to do: the Russian version's details, and a review that is due.
    assert "This language version" not in _folded_parts(staff_client, reviewed, "ru")
    due = make_condition(reviewer=make_doctor(), last_reviewed=today - timedelta(days=400), next_review_due=today)
    assert "Medical review" not in _folded_parts(staff_client, due)
    assert "Medical review" not in _folded_parts(staff_client, make_condition())  # never reviewed
