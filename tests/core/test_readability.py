"""The admin shows editors the reading age of what they wrote, next to the target."""

import pytest
from django.urls import reverse

from tests.factories import fill_condition, make_condition, make_story, make_treatment

pytestmark = pytest.mark.django_db


def test_admin_change_pages_show_readability_and_view_on_site(staff_client):
    condition = make_condition(overview="Myeloma is a cancer of plasma cells. It starts in the bone marrow.")
    fill_condition(condition, 2)
    html = staff_client.get(reverse("admin:conditions_condition_change", args=[condition.pk])).content.decode()
    assert "Reading age" in html and "target" in html
    assert "View on site" in html


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
