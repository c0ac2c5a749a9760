"""Medical review of content pages: the review line on the page, and what is overdue in the admin."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import make_condition, make_doctor, make_treatment

pytestmark = pytest.mark.django_db


def test_condition_and_treatment_pages_end_with_the_review_line_linking_the_reviewer(client):
    reviewer = make_doctor(name="Example", slug="example", title="Dr.")
    condition = make_condition(reviewer=reviewer, last_reviewed=date(2026, 10, 1), next_review_due=date(2027, 10, 1))
    treatment = make_treatment(reviewer=reviewer, last_reviewed=date(2026, 9, 2), next_review_due=date(2027, 9, 2))
    html = client.get(condition.get_absolute_url()).content.decode()
    assert re.search(r'Medically reviewed by <a href="/en/doctors/example/">Dr. Example</a></span>\s*<span>Page '
                     r'last reviewed <time datetime="2026-10-01">1 October 2026</time></span>\s*<span>Next review '
                     r'due <time datetime="2027-10-01">1 October 2027</time>', html)
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


def test_overdue_review_filter_in_admin(staff_client):
    make_condition(name="Overdue page", next_review_due="2020-01-01")
    make_condition(name="Fresh page", next_review_due="2099-01-01")
    html = staff_client.get(reverse("admin:conditions_condition_changelist") + "?review=overdue").content.decode()
    assert "Overdue page" in html and "Fresh page" not in html


def test_admin_lists_overdue_treatments(staff_client):
    make_treatment(name="Old page", next_review_due=date(2020, 1, 1))
    make_treatment(name="New page", next_review_due=date(2099, 1, 1))
    html = staff_client.get(reverse("admin:treatments_treatment_changelist") + "?review=overdue").content.decode()
    assert "Old page" in html and "New page" not in html
