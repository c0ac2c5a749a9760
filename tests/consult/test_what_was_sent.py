"""What the family is told about their request: a summary with nothing typed and no file names,
what to send for the condition chosen (on the form and in the acknowledgement), and a Reply-To
so they can answer our email."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from consult.models import ConsultRequest
from tests.factories import (
    consult_form_data,
    make_condition,
    make_record_to_send,
    translate,
    uploaded_file,
)

pytestmark = pytest.mark.django_db
THANKS = "/en/consult/thanks/"


@pytest.fixture
def records(myeloma):
    return [make_record_to_send(myeloma, position=0, text="Blood tests from the last month"),
            make_record_to_send(myeloma, position=1, text="Your most recent bone marrow report")]


@pytest.fixture
def lymphoma(db):
    lymphoma = make_condition(name="Lymphoma", slug="lymphoma")
    make_record_to_send(lymphoma, text="The biopsy report")
    return lymphoma


def acknowledgement():
    return next(m for m in mail.outbox if m.to == ["anna@example.org"])


def summary(html):
    return re.search(r'<dl class="consult-summary">(.*?)</dl>', html, re.S).group(1)


# --- the summary ---

@pytest.mark.usefixtures("myeloma")
def test_the_thanks_page_and_the_acknowledgement_sum_up_what_was_sent(client, send_consult, run_tasks):
    send_consult(uploaded_file("Анализ крови Ивановой.pdf"), uploaded_file("bone-marrow.pdf"))
    html = client.get(THANKS).content.decode()
    listed = summary(html)
    for label, value in (("Who is writing", "A family member or friend of the patient"),
                         ("Preferred contact", "WhatsApp"), ("Reply language", "Русский"),
                         ("Condition", "Multiple myeloma"), ("Files attached", "2")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in listed
    run_tasks()
    body = acknowledgement().body
    assert "What you sent\n- Who is writing: A family member or friend of the patient\n" in body
    for line in ("- Preferred contact: WhatsApp", "- Reply language: Русский", "- Condition: Multiple myeloma",
                 "- Files attached: 2"):
        assert line in body
    for page in (html, body):
        # No file names (they could be medical), nothing typed.
        for private in ("Анализ", "Ивановой", "bone-marrow", ".pdf", "Анна", "миелома", "Казахстан", "+7 912"):
            assert private not in page, private


@pytest.mark.usefixtures("myeloma")
def test_the_summary_says_other_and_no_files(client, send_consult, run_tasks):
    send_consult(condition="other", writer_role="doctor", contact_channel="email", preferred_language="en")
    listed = summary(client.get(THANKS).content.decode())
    assert "<dd>The patient&#x27;s doctor</dd>" in listed and "<dd>Other / not sure</dd>" in listed
    assert "<dt>Files attached</dt><dd>0</dd>" in listed
    run_tasks()
    assert "- Condition: Other / not sure" in acknowledgement().body
    assert "What to send" not in acknowledgement().body


def test_the_thanks_page_without_a_request_has_no_summary(client):
    assert "consult-summary" not in client.get(THANKS).content.decode()


@pytest.mark.usefixtures("myeloma")
def test_the_summary_is_in_the_pages_language(run_tasks):
    client = Client()
    client.post("/ru/consult/", consult_form_data(condition="other"))
    html = client.get("/ru/consult/thanks/").content.decode()
    assert "Другое / не знаю" in summary(html)  # the existing translation of "Other / not sure"


# --- what to send ---

def test_the_form_shows_what_to_send_for_the_condition_chosen(client, records, lymphoma):
    html = client.get("/en/consult/?condition=multiple-myeloma").content.decode()
    shown = re.search(r'<div class="what-to-send__list" data-condition="multiple-myeloma">(.*?)</div>', html, re.S)
    assert shown, "the preselected condition's list is shown"
    assert "<li>Blood tests from the last month</li><li>Your most recent bone marrow report</li>" in shown.group(1)
    # The other lists are in the page, hidden, for the script to show when the choice changes.
    assert '<div class="what-to-send__list" data-condition="lymphoma" hidden>' in html
    assert "The biopsy report" in html
    # Under the condition select, before the message.
    assert html.index('name="condition"') < html.index('id="what-to-send"') < html.index('name="message"')


def test_with_no_condition_chosen_every_list_is_hidden(client, records, lymphoma):
    html = client.get("/en/consult/").content.decode()
    assert re.findall(r'<div class="what-to-send__list" data-condition="[a-z-]+"( hidden)?>', html) == \
        [" hidden", " hidden"]


def test_after_an_error_the_list_of_the_condition_chosen_is_shown(client, records, lymphoma):
    html = client.post("/en/consult/", consult_form_data(condition="lymphoma", full_name="")).content.decode()
    assert '<div class="what-to-send__list" data-condition="lymphoma">' in html
    assert '<div class="what-to-send__list" data-condition="multiple-myeloma" hidden>' in html


def test_conditions_without_records_have_no_list(client, myeloma):
    assert 'id="what-to-send"' not in client.get("/en/consult/?condition=multiple-myeloma").content.decode()


def test_what_to_send_is_in_the_acknowledgement(send_consult, run_tasks, records):
    send_consult()
    run_tasks()
    body = acknowledgement().body
    assert ("What to send\nFor Multiple myeloma, our specialists ask for these records:\n"
            "- Blood tests from the last month\n- Your most recent bone marrow report\n") in body


def test_what_to_send_is_in_the_familys_language_where_the_condition_is(myeloma, records, run_tasks):
    translate(myeloma, "ru", name="Множественная миелома", summary="Кратко.", overview="Обзор.")
    translate(records[0], "ru", text="Анализы крови за последний месяц")
    translate(records[1], "ru", text="Последнее заключение по костному мозгу")
    client = Client()
    html = client.get("/ru/consult/?condition=multiple-myeloma").content.decode()
    assert '<ul class="checklist"><li>Анализы крови за последний месяц</li>' in html
    client.post("/ru/consult/", consult_form_data())
    run_tasks()
    body = acknowledgement().body
    assert "- Анализы крови за последний месяц" in body and "Множественная миелома" in body
    assert "Blood tests" not in body


def test_an_untranslated_list_is_shown_in_english_marked_so(client, myeloma, records):
    html = Client().get("/ru/consult/?condition=multiple-myeloma").content.decode()
    assert '<ul class="checklist" lang="en"><li>Blood tests from the last month</li>' in html


# --- Reply-To ---

@pytest.mark.usefixtures("myeloma")
@override_settings(CONSULT_NOTIFY_EMAILS=["team@gobroad.example", "lead@gobroad.example"])
def test_the_family_can_answer_the_acknowledgement(send_consult, run_tasks):
    send_consult()
    run_tasks()
    assert acknowledgement().reply_to == ["team@gobroad.example"]
    assert "You can answer this email: your answer goes to our patient coordinators." in acknowledgement().body
    notice = next(m for m in mail.outbox if m.to != ["anna@example.org"])
    assert notice.reply_to == []


@pytest.mark.usefixtures("myeloma")
@override_settings(CONSULT_REPLY_TO_EMAIL="patients@gobroad.example")
def test_the_reply_to_address_is_a_setting(send_consult, run_tasks):
    send_consult()
    run_tasks()
    assert acknowledgement().reply_to == ["patients@gobroad.example"]
    assert "Reply-To: patients@gobroad.example" in acknowledgement().message().as_string()


def test_the_saved_request_keeps_the_condition_chosen(send_consult, records):
    send_consult()
    assert ConsultRequest.objects.get().records_to_send() == ["Blood tests from the last month",
                                                              "Your most recent bone marrow report"]
