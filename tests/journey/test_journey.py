"""The international patient's journey: ordered steps, each with who does what."""

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from journey.models import JourneyPage, JourneyStep

pytestmark = pytest.mark.django_db


def make_journey(**fields):
    page = JourneyPage.objects.create(slug="international-patients", title="Coming from abroad",
                                      summary="The first steps.", is_published=True, **fields)
    JourneyStep.objects.create(page=page, position=1, title="A coordinator reads it",
                               center_does="We read your request.")
    JourneyStep.objects.create(page=page, position=0, title="Send your records", family_does="Fill in the form.",
                               needs="Your reports.")
    return page


def test_the_journey_lists_its_steps_in_order_with_only_the_filled_parts(client):
    make_journey()
    html = client.get(reverse("journey:page")).content.decode()
    assert html.index("Send your records") < html.index("A coordinator reads it")
    assert html.count("<dt>What you do</dt>") == 1 and html.count("<dt>What we do</dt>") == 1
    assert html.count("<dt>What is needed</dt>") == 1


def test_without_a_published_journey_the_page_is_not_found(client, staff_client):
    assert client.get(reverse("journey:page")).status_code == 404
    page = make_journey()
    page.is_published = False
    page.save()
    assert client.get(reverse("journey:page")).status_code == 404
    assert staff_client.get(reverse("journey:page")).status_code == 200


def test_a_journey_page_whose_parts_are_kept_is_gone_at_once_when_unpublished(page_cache, transactional_db):
    page = make_journey()
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"  # the page cache steps aside; the fragments do not
    assert visitor.get(reverse("journey:page")).status_code == 200
    page.is_published = False
    page.save()
    assert visitor.get(reverse("journey:page")).status_code == 404


def test_the_path_at_the_top_names_the_staffs_steps_in_order_and_leads_to_each(client):
    make_journey()
    page = lxml_html.fromstring(client.get(reverse("journey:page")).content)
    path = page.xpath("//nav[contains(@class, 'illustration')]")[0]
    assert path.xpath("string(.//p)") == "The steps at a glance"
    assert [svg.get("aria-hidden") for svg in path.xpath(".//svg")] == ["true", "true"]  # the titles carry it
    links = path.xpath(".//ol/li/a")
    assert [link.text_content() for link in links] == ["Send your records", "A coordinator reads it"]
    for link, heading in zip(links, ("Send your records", "A coordinator reads it"), strict=True):
        target = page.get_element_by_id(link.get("href").removeprefix("#"))
        assert target.xpath("string(.//h2)") == heading


def test_a_journey_of_one_step_has_no_path_to_draw(client):
    page = make_journey()
    page.steps.get(position=1).delete()
    html = client.get(reverse("journey:page")).content.decode()
    assert "Send your records" in html and "illustration" not in html
