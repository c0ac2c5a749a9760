"""Hospitals and how to reach them: pages, the contact page, the footer and JSON-LD show
only what staff have filled in."""

import json
import re

import pytest
from django.urls import reverse

from tests.factories import make_hospital, make_hospital_contact

pytestmark = pytest.mark.django_db


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_a_hospital_with_only_a_name_and_city_shows_no_empty_labels(client):
    hospital = make_hospital(name="Beijing Boren Hospital", slug="boren", city="Beijing")
    html = client.get(hospital.get_absolute_url()).content.decode()
    assert "<h1>Beijing Boren Hospital</h1>" in html and "Beijing" in html
    for label in ("Address", "Opening hours", "Languages spoken", "Phone", "Email", "Map", "Services"):
        assert f"<dt>{label}</dt>" not in html and f">{label}</h2>" not in html
    entity = next(item for item in json_ld(html)["@graph"] if item["@type"] == "Hospital")
    assert entity["address"] == {"@type": "PostalAddress", "addressLocality": "Beijing"}
    assert not {"telephone", "email", "hasMap", "knowsLanguage"} & set(entity)


def test_a_hospital_shows_the_details_staff_entered(client):
    hospital = make_hospital(slug="liquan", address="1 Example Road", email="help@example.org",
                             hours="Monday to Friday, 8:30 to 17:30", time_zone="Asia/Shanghai",
                             languages_spoken="Chinese, English, Russian", map_url="https://maps.example/liquan")
    make_hospital_contact(hospital, kind="phone", value="+86 21 1234 5678", purpose="International patients")
    make_hospital_contact(hospital, kind="telegram", value="@gobroad_example", purpose="Questions in Russian")
    html = client.get(hospital.get_absolute_url()).content.decode()
    assert '<a href="tel:+862112345678">+86 21 1234 5678</a>' in html
    assert '<a href="https://t.me/gobroad_example">@gobroad_example</a>' in html
    assert "International patients" in html and "Questions in Russian" in html
    assert "Monday to Friday, 8:30 to 17:30" in html and "Asia/Shanghai time" in html
    assert "Chinese, English, Russian" in html and "mailto:help@example.org" in html
    entity = next(item for item in json_ld(html)["@graph"] if item["@type"] == "Hospital")
    assert entity["telephone"] == "+86 21 1234 5678" and entity["email"] == "help@example.org"
    assert entity["address"]["streetAddress"] == "1 Example Road"


def test_the_footer_and_contact_page_are_built_from_the_hospitals(client):
    hospital = make_hospital(name="GoBroad Shanghai Liquan Hospital", city="Shanghai")
    make_hospital_contact(hospital, value="+86 21 1234 5678")
    make_hospital(name="Draft hospital", is_published=False)
    footer = client.get("/en/").content.decode().split("<footer", 1)[1]
    assert "GoBroad Shanghai Liquan Hospital" in footer and "+86 21 1234 5678" in footer
    assert "Draft hospital" not in footer
    contact = client.get(reverse("contact")).content.decode()
    assert "GoBroad Shanghai Liquan Hospital" in contact and "Draft hospital" not in contact
    assert reverse("consult:request") in contact


def test_a_draft_hospital_is_hidden_from_the_public_and_shown_to_staff(client, staff_client):
    hospital = make_hospital(is_published=False)
    assert client.get(hospital.get_absolute_url()).status_code == 404
    assert staff_client.get(hospital.get_absolute_url()).status_code == 200


def test_hospital_pages_take_the_same_queries_with_more_contacts(count_queries):
    small, large = make_hospital(), make_hospital()
    make_hospital_contact(small)
    for _ in range(6):
        make_hospital_contact(large)
    assert count_queries(small.get_absolute_url()) == count_queries(large.get_absolute_url())
    assert count_queries(reverse("hospitals:list")) == count_queries(reverse("contact"))


def test_editors_add_contacts_in_the_admin(staff_client):
    response = staff_client.get(reverse("admin:hospitals_hospital_add"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "contacts-TOTAL_FORMS" in html and "Leave empty what is not known" in html
