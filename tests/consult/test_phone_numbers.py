"""Phone numbers as families write them at home, read in the country chosen for the number and
stored in international format; numbers with + or 00 need no country. Also the messenger ID."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from consult.models import ConsultRequest
from tests.factories import consult_form_data, make_coordinator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("myeloma")]


@pytest.mark.parametrize(("country", "typed", "stored"), [
    # Russia: the trunk 8, brackets and dashes as Russians write them; +7; 007.
    ("RU", "8 (912) 345-67-89", "+7 912 345-67-89"),
    ("RU", "912 345 67 89", "+7 912 345-67-89"),
    ("", "+7 912 345 67 89", "+7 912 345-67-89"),
    ("", "007 912 345 67 89", "+7 912 345-67-89"),
    # China: a mobile and a Beijing landline with its 0 trunk prefix; 0086; full-width digits.
    ("CN", "138 0013 8000", "+86 138 0013 8000"),
    ("CN", "010 6552 9988", "+86 10 6552 9988"),
    ("", "0086 138 0013 8000", "+86 138 0013 8000"),
    ("CN", "１３８ ００１３ ８０００", "+86 138 0013 8000"),
    ("", "＋８６ １３８ ００１３ ８０００", "+86 138 0013 8000"),
    # Kazakhstan shares +7 with Russia.
    ("KZ", "8 701 234 5678", "+7 701 234 5678"),
    ("", "+7 701 234 56 78", "+7 701 234 5678"),
    # The United Kingdom: a London landline and a mobile, with their 0.
    ("GB", "020 7946 0958", "+44 20 7946 0958"),
    ("GB", "07911 123456", "+44 7911 123456"),
    ("", "+44 20 7946 0958", "+44 20 7946 0958"),
    # The United States.
    ("US", "(202) 555-0143", "+1 202-555-0143"),
    ("US", "415.555.2671", "+1 415-555-2671"),
    ("", "+1 415 555 2671", "+1 415-555-2671"),
    # An international number wins over the country chosen.
    ("CN", "+7 912 345 67 89", "+7 912 345-67-89"),
])
def test_numbers_in_local_and_international_form_are_stored_internationally(send_consult, country, typed, stored):
    response = send_consult(phone=typed, phone_country=country)
    assert response.status_code == 302, response.context["form"].errors
    assert ConsultRequest.objects.get().phone == stored


@pytest.mark.parametrize(("country", "typed", "message"), [
    ("", "8 912 345 67 89", "Choose the country of your phone number above, or start the number with + and its "
                            "country code"),
    ("RU", "12345", "This number is too short for a phone number in Russia."),
    ("KZ", "8 701 23", "This number is too short for a phone number in Kazakhstan."),
    ("KZ", "8 701 234", "This is not a phone number in Kazakhstan."),
    ("CN", "138 0013 8000 1234 5678", "This number is too long for a phone number in China."),
    ("US", "(123) 456-7890", "This is not a phone number in United States of America."),
    ("GB", "020 1234 5678 9", "This number is too long for a phone number in United Kingdom."),
    ("", "+999 123 4567", "The country code of this number (the digits after +) does not exist."),
    ("", "+7 12", "This number is too short for a phone number in Russia."),
    ("RU", "call me", "Enter your phone number in digits"),
    ("RU", "+7 912 CALL ME", "Enter your phone number in digits"),
    ("", "+", "Enter your phone number in digits"),
])
def test_invalid_numbers_get_a_specific_message_and_everything_typed_is_kept(send_consult, country, typed, message):
    response = send_consult(phone=typed, phone_country=country)
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    errors = " ".join(response.context["form"].errors["phone"])
    assert message in errors
    html = response.content.decode()
    assert 'href="#id_phone"' in html and 'id="error_1_id_phone"' in html
    assert f'value="{typed}"' in html
    if country:
        assert f'<option value="{country}" selected>' in html
    assert 'value="Анна Петровна Иванова"' in html


def test_an_unknown_country_is_refused_by_name(send_consult):
    response = send_consult(phone="8 912 345 67 89", phone_country="XX")
    assert "Select a valid choice" in " ".join(response.context["form"].errors["phone_country"])


@pytest.mark.parametrize(("language", "country"), [("ru", "RU"), ("zh-hans", "CN"), ("en", None)])
def test_the_country_of_the_number_starts_from_the_pages_language(language, country):
    html = Client().get(f"/{language}/consult/").content.decode()
    select = re.search(r'<select name="phone_country".*?</select>', html, re.S).group(0)
    if country:
        assert f'<option value="{country}" selected>' in select
        assert select.count(" selected") == 1
    else:
        assert '<option value="" selected>' in select
    assert select.index('value=""') < select.index('value="GB"')
    assert html.index('name="phone_country"') < html.index('name="phone"')


def test_a_russian_page_takes_a_russian_number_as_russians_write_it(client):
    response = client.post("/ru/consult/", consult_form_data(phone="8 (912) 345-67-89", phone_country="RU"))
    assert response.status_code == 302
    assert ConsultRequest.objects.get().phone == "+7 912 345-67-89"


# --- the messenger ID ---

def test_a_messenger_id_is_stored_and_shown_to_coordinators_never_emailed(send_consult, client, run_tasks):
    assert send_consult(contact_channel="wechat", messenger_id="  wxid_anna   2026 ").status_code == 302
    saved = ConsultRequest.objects.get()
    assert saved.messenger_id == "wxid_anna 2026"
    run_tasks()
    assert len(mail.outbox) == 2
    for email in mail.outbox:
        assert "wxid_anna" not in email.subject + email.body
    client.force_login(make_coordinator())
    html = client.get(reverse("admin:consult_consultrequest_change", args=[saved.pk])).content.decode()
    assert "wxid_anna 2026" in html and "Messenger ID" in html
    assert 'name="messenger_id"' not in html  # read-only, like everything the family sent


def test_the_messenger_id_is_optional_and_sits_by_the_contact_channel(send_consult, client):
    assert send_consult(messenger_id=None).status_code == 302
    assert ConsultRequest.objects.get().messenger_id == ""
    html = client.get("/en/consult/").content.decode()
    assert html.index('name="contact_channel"') < html.index('name="messenger_id"') < \
        html.index('name="preferred_language"')
    assert "WeChat ID, WhatsApp number or Telegram username (optional)" in html


def test_a_messenger_id_too_long_is_refused_by_name(send_consult):
    response = send_consult(messenger_id="x" * 101)
    assert response.status_code == 200
    assert "at most 100 characters" in " ".join(response.context["form"].errors["messenger_id"])
