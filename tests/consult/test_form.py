"""The consultation form page and the validation of every field."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from consult.models import ConsultRequest
from tests.factories import CONSULT_MESSAGE, consult_form_data, make_condition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("myeloma")]
URL = "/en/consult/"


@override_settings(CONSULT_REPLY_WORKING_DAYS=2)
def test_form_page_says_what_happens_and_that_it_is_not_an_emergency(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Request a consultation | GoBroad Healthcare Group</title>" in html
    assert 'name="description" content="Ask GoBroad' in html
    assert "This is not an emergency service." in html
    assert "What happens next" in html
    assert "usually within 2 working days (Monday to Friday, Asia/Shanghai time)" in html
    assert f'href="{reverse("privacy")}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_inputs_help_phones_and_autofill(client):
    html = client.get(URL).content.decode()
    for name, attributes in {
        "full_name": ['autocomplete="name"'],
        "email": ['type="email"', 'autocomplete="email"'],
        "phone": ['type="tel"', 'autocomplete="tel"', 'inputmode="tel"'],
        "patient_country": ['autocomplete="country-name"'],
        "patient_age": ['inputmode="numeric"'],
        "attachments": ["multiple", 'accept=".pdf,'],
    }.items():
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        for attribute in attributes:
            assert attribute in tag, (name, attribute, tag)


def test_no_inline_script_or_style(send_consult, client):
    for response in (client.get(URL), send_consult(full_name="")):
        html = response.content.decode()
        assert "style=" not in html
        # JSON-LD data blocks from base.html are not executed, so a CSP does not concern them.
        assert not re.search(r'<script(?![^>]*\b(src=|type="application/ld\+json"))[^>]*>', html)
        assert re.search(r'<script src="/static/js/consult-form[^"]*\.js" defer></script>', html)


def test_consent_names_what_is_collected_and_links_to_privacy(client):
    html = client.get(URL).content.decode()
    label = re.search(r'<label for="id_consent"[^>]*>(.*?)</label>', html, re.S).group(1)
    for words in ("name and contact details", "country, age", "condition", "reports", "health information"):
        assert words in label
    assert '<a href="/en/privacy/">privacy notice</a>' in label


def test_condition_choices_are_published_conditions_and_other(client):
    make_condition(slug="draft-condition", name="Draft condition", is_published=False)
    html = client.get(URL).content.decode()
    select = re.search(r'<select name="condition".*?</select>', html, re.S).group(0)
    assert '<option value="multiple-myeloma">Multiple myeloma</option>' in select
    assert '<option value="other">Other / not sure</option>' in select
    assert "draft-condition" not in select


def test_condition_preselected_from_condition_page(client):
    html = client.get(URL + "?condition=multiple-myeloma").content.decode()
    assert '<option value="multiple-myeloma" selected>' in html
    html = client.get(URL + "?condition=<script>").content.decode()
    assert " selected>" not in re.search(r'<select name="condition".*?</select>', html, re.S).group(0)


def test_valid_request_in_any_script_is_saved(send_consult):
    response = send_consult(full_name="张伟", patient_country="中国", preferred_language="zh-hans",
                    phone="＋８６ １３８ ００１３ ８０００")
    assert response.status_code == 302
    saved = ConsultRequest.objects.get()
    assert saved.full_name == "张伟"
    assert saved.patient_country == "中国"
    assert saved.message == CONSULT_MESSAGE
    assert saved.phone == "+86 138 0013 8000"
    assert saved.condition.slug == "multiple-myeloma"
    assert saved.condition_name == "Multiple myeloma"
    assert saved.privacy_notice_version == "2026-11-26"
    assert saved.consent_given_at is not None
    assert saved.status == "new"
    assert re.fullmatch(r"GB-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", saved.reference)


@pytest.mark.parametrize("name", ["Анна-Мария Сергеевна", "José Álvarez Núñez", "欧阳娜娜",
                                  "O'Brien, Siobhán", "Nguyễn Thị Minh Khai"])
def test_names_in_any_alphabet_are_accepted(send_consult, name):
    assert send_consult(full_name=name).status_code == 302
    assert ConsultRequest.objects.get().full_name == name


def test_other_condition_is_stored_as_no_condition(send_consult):
    assert send_consult(condition="other").status_code == 302
    saved = ConsultRequest.objects.get()
    assert saved.condition is None
    assert saved.condition_label == "Other / not sure"


@pytest.mark.parametrize(("field", "anchor"), [
    ("writer_role", "id_writer_role_0"), ("full_name", "id_full_name"), ("email", "id_email"),
    ("phone", "id_phone"), ("contact_channel", "id_contact_channel_0"),
    ("preferred_language", "id_preferred_language_0"), ("patient_country", "id_patient_country"),
    ("patient_age", "id_patient_age"), ("condition", "id_condition"), ("message", "id_message"),
    ("consent", "id_consent"),
])
def test_each_required_field_is_named_in_the_error_summary(client, field, anchor):
    response = client.post(URL, consult_form_data(**{field: None}))
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary" role="alert" tabindex="-1" autofocus[^>]*>(.*?)</div>',
                        html, re.S).group(1)
    assert f'href="#{anchor}"' in summary
    assert f'id="{anchor}"' in html
    assert summary.count("<li>") == 1
    assert "choose them again" in summary
    assert "<title>Error: Request a consultation | GoBroad Healthcare Group</title>" in html
    assert 'aria-invalid="true"' in html


def test_what_was_typed_is_kept_after_an_error(send_consult):
    html = send_consult(email="not-an-email").content.decode()
    assert 'value="Анна Петровна Иванова"' in html
    assert CONSULT_MESSAGE in html
    assert re.search(r'<input type="radio" name="contact_channel" value="whatsapp"[^>]* checked', html)
    assert '<option value="multiple-myeloma" selected>' in html


@pytest.mark.parametrize(("field", "value", "message"), [
    ("email", "anna@", "Enter an email address in the form name@example.com."),
    ("email", "a" * 250 + "@example.org", "254 characters"),
    ("full_name", "1234", "Enter your name in letters"),
    ("full_name", "Я" * 201, "at most 200 characters"),
    ("phone", "912 345 67 89", "Choose the country of your phone number above, or start the number with +"),
    ("phone", "+7 12", "This number is too short for a phone number in Russia"),
    ("phone", "+7 912 345 67 89 12345 6789", "This number is too long for a phone number"),
    ("phone", "call me", "Enter your phone number in digits"),
    ("patient_age", "-1", "Enter an age from 0 to 120."),
    ("patient_age", "121", "Enter an age from 0 to 120."),
    ("patient_age", "45 years", "as a whole number of years"),
    ("patient_age", "4.5", "as a whole number of years"),
    ("patient_country", "123", "Enter the country’s name"),
    ("patient_country", "Ш" * 101, "at most 100 characters"),
    ("condition", "not-a-condition", "Choose one of the conditions listed"),
    ("writer_role", "robot", "Select a valid choice"),
    ("contact_channel", "fax", "Select a valid choice"),
    ("preferred_language", "de", "Select a valid choice"),
    ("message", "ж" * 5001, "at most 5000 characters"),
    ("message", "   ", "Tell us your question"),
])
def test_invalid_values_are_refused_with_a_message_by_the_field(send_consult, field, value, message):
    response = send_consult(**{field: value})
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    errors = " ".join(response.context["form"].errors[field])
    assert message.replace("’", "'") in errors.replace("’", "'")
    assert f'id="error_1_id_{field}"' in response.content.decode()


@pytest.mark.parametrize("phone", ["+86 138 0013 8000", "0086 138 0013 8000", "+7 (912) 345-67-89",
                                   "+44 20 7946 0958", "+1.202.555.0143", "+683 4002"])
def test_plausible_phone_numbers_are_accepted(send_consult, phone):
    assert send_consult(phone=phone).status_code == 302
    assert ConsultRequest.objects.get().phone.startswith("+")


@pytest.mark.parametrize("age", ["0", "120", "５"])
def test_ages_at_the_limits_are_accepted(send_consult, age):
    assert send_consult(patient_age=age).status_code == 302


def test_radio_errors_link_to_the_first_option(client):
    response = client.post(URL, consult_form_data(contact_channel=None))
    html = response.content.decode()
    assert 'href="#id_contact_channel_0"' in html
    assert 'id="id_contact_channel_0"' in html


def test_error_summary_lists_problems_in_page_order(client):
    response = client.post(URL, {"website": ""})
    anchors = re.findall(r'<li><a href="#(id_[a-z_0-9]+)">', response.content.decode())
    assert anchors == ["id_writer_role_0", "id_full_name", "id_email", "id_phone", "id_contact_channel_0",
                       "id_preferred_language_0", "id_patient_country", "id_patient_age", "id_condition",
                       "id_message", "id_consent"]
