"""The page where a family follows a request: its reference and email address show the stage
and the date of each change, nothing else; every miss looks the same; look-ups are limited."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from consult.models import ConsultRequest, LimitedEvent, normalise_reference
from tests.factories import advance_consult_request, make_condition, make_consult_request

pytestmark = pytest.mark.django_db
URL = "/en/consult/status/"
# What a family typed, and the condition chosen: none of it may ever appear on the status page.
PRIVATE = {"full_name": "Zebedee Quillfeather", "message": "Marmalade thrombocytes beside the xylophone",
           "patient_country": "Atlantis", "phone": "+44 20 7946 0958", "condition_name": "Perfidious Myeloma"}


@pytest.fixture
def consult_request(db):
    condition = make_condition(name="Perfidious Myeloma", slug="perfidious-myeloma")
    return make_consult_request(email="Anna.Ivanova@Example.org", condition=condition, **PRIVATE)


def look_up(client, reference, email, path=URL, **extra):
    return client.post(path, {"reference": reference, "email": email}, **extra)


def assert_nothing_private(response):
    html = response.content.decode()
    for words in (*PRIVATE.values(), "Zebedee", "Marmalade", "thrombocytes", "Perfidious", "Atlantis", "7946"):
        assert words not in html, words


def without_tokens(response):
    """The page without what differs from one response to the next anyway: the CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


# --- a matching pair ---

@pytest.mark.parametrize(("statuses", "stage"), [
    ((), "Received"),
    (("in_review",), "Your records are being checked"),
    (("in_review", "with_specialist"), "With a specialist"),
    (("in_review", "with_specialist", "contacted"), "We have replied"),
    (("in_review", "contacted", "closed"), "Closed"),
])
def test_a_matching_pair_shows_the_stage_and_each_change(client, consult_request, statuses, stage):
    advance_consult_request(consult_request, *statuses)
    response = look_up(client, consult_request.reference, "anna.ivanova@example.org")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<p class="reference">{consult_request.reference}</p>' in html
    assert f'<p class="consult-stage">{stage}</p>' in html
    history = re.search(r'<ol class="consult-history">(.*?)</ol>', html, re.S).group(1)
    assert history.count("<li>") == 1 + len(statuses)
    assert history.index("Received") <= history.rindex(stage)
    assert date_format(timezone.localtime(consult_request.created_at), "DATE_FORMAT") in history
    assert 'name="email"' not in html  # the answer does not repeat the form
    assert_nothing_private(response)


def test_the_answer_is_in_the_pages_language(consult_request):
    advance_consult_request(consult_request, "contacted")
    response = look_up(Client(), consult_request.reference, consult_request.email, path="/ru/consult/status/")
    html = response.content.decode()
    with translation.override("ru"):
        received = date_format(timezone.localtime(consult_request.created_at), "DATE_FORMAT")
        title = gettext("Follow your request")
    assert '<html lang="ru">' in html
    assert received in html and re.search(r"[а-я]", received)  # the month in Russian
    assert f"<h1>{title}</h1>" in html


def test_the_email_address_is_compared_without_case_or_spaces(client, consult_request):
    response = look_up(client, consult_request.reference, "  ANNA.IVANOVA@EXAMPLE.ORG ")
    assert '<p class="consult-stage">Received</p>' in response.content.decode()


@pytest.mark.parametrize("typed", ["{ref}", "{lower}", "gb {a} {b}", "GB{a}{b}", "{a}-{b}", "{a} {b}", " gb-{a}-{b} ",
                                   "ＧＢ－{a}－{b}"])
def test_the_reference_may_be_typed_loosely(client, consult_request, typed):
    reference = consult_request.reference
    a, b = reference[3:7], reference[8:]
    typed = typed.format(ref=reference, lower=reference.lower(), a=a.lower(), b=b)
    response = look_up(client, typed, consult_request.email)
    assert f'<p class="reference">{reference}</p>' in response.content.decode()


def test_normalise_reference():
    assert normalise_reference("gb 7k3f 9q2m") == "GB-7K3F-9Q2M"
    assert normalise_reference("7K3F9Q2M") == "GB-7K3F-9Q2M"
    assert normalise_reference("GB-7K3F-9Q2") == ""
    assert normalise_reference("GB-7K3F-9Q2O") == ""  # O is never in a reference
    assert normalise_reference("") == ""


# --- every miss looks the same ---

def test_a_wrong_email_an_unknown_reference_and_spam_get_the_same_answer(client, consult_request):
    reference = consult_request.reference
    wrong_email = look_up(client, reference, "someone.else@example.org")
    spam = make_consult_request(email="someone.else@example.org", status="spam")
    spam_answer = look_up(client, reference, "someone.else@example.org")
    # The same typed values again, now for a reference that exists nowhere.
    ConsultRequest.objects.filter(pk=consult_request.pk).update(reference="GB-2222-2222")
    unknown = look_up(client, reference, "someone.else@example.org")
    for response in (wrong_email, spam_answer, unknown):
        assert response.status_code == 200
        assert "We could not find a request with this reference number and email address." in \
            response.content.decode()
        assert_nothing_private(response)
    assert without_tokens(wrong_email) == without_tokens(unknown) == without_tokens(spam_answer)
    assert spam.reference not in spam_answer.content.decode()


def test_a_request_marked_as_spam_is_never_revealed_even_to_its_sender(client, consult_request):
    consult_request.status = "spam"
    consult_request.save()
    right_pair = look_up(client, consult_request.reference, consult_request.email)
    wrong_pair = look_up(client, consult_request.reference, "nobody@example.org")
    assert "consult-stage" not in right_pair.content.decode()
    assert right_pair.status_code == wrong_pair.status_code == 200
    assert without_tokens(right_pair).replace(consult_request.email, "nobody@example.org") == \
        without_tokens(wrong_pair)


def test_spam_in_the_history_is_left_out(client, consult_request):
    advance_consult_request(consult_request, "spam", "in_review")
    html = look_up(client, consult_request.reference, consult_request.email).content.decode()
    history = re.search(r'<ol class="consult-history">(.*?)</ol>', html, re.S).group(1)
    assert history.count("<li>") == 2
    assert "Spam" not in html and "spam" not in history


def test_the_email_is_compared_in_constant_time_even_for_an_unknown_reference(client, monkeypatch, consult_request):
    compared = []
    real = __import__("hmac").compare_digest
    monkeypatch.setattr("consult.models.hmac.compare_digest", lambda a, b: compared.append((a, b)) or real(a, b))
    look_up(client, "GB-2222-2222", "anna.ivanova@example.org")
    look_up(client, consult_request.reference, "wrong@example.org")
    assert [typed for typed, _stored in compared] == [b"anna.ivanova@example.org", b"wrong@example.org"]
    assert compared[1][1] == b"anna.ivanova@example.org"


@pytest.mark.parametrize(("reference", "email", "message"), [
    ("", "anna@example.org", "Enter the reference number of your request."),
    ("GB-7K3F", "anna@example.org", "A reference number looks like GB-7K3F-9Q2M"),
    ("GB-7K3F-9Q2M", "", "Enter the email address you used in the request."),
    ("GB-7K3F-9Q2M", "anna@", "Enter an email address in the form name@example.com."),
])
def test_what_cannot_be_a_reference_or_an_address_is_named(client, reference, email, message):
    response = look_up(client, reference, email)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and '<div class="error-summary"' in html
    assert "We could not find a request" not in html


# --- the hourly limit ---

@override_settings(CONSULT_STATUS_LOOKUPS_PER_HOUR=3)
def test_too_many_look_ups_are_refused_with_429_and_what_was_typed_kept(client, consult_request):
    for _ in range(3):
        assert look_up(client, "GB-2222-2222", "guess@example.org").status_code == 200
    refused = look_up(client, consult_request.reference, consult_request.email)
    assert refused.status_code == 429
    assert 3540 <= int(refused["Retry-After"]) <= 3600
    html = refused.content.decode()
    assert re.search(r"please try again in about (59|60) minutes", html)
    assert f'value="{consult_request.reference}"' in html and f'value="{consult_request.email}"' in html
    assert "consult-stage" not in html
    assert_nothing_private(refused)
    # Another address is not limited; neither are uploads counted against look-ups.
    assert look_up(client, consult_request.reference, consult_request.email,
                   REMOTE_ADDR="203.0.113.5").status_code == 200
    assert LimitedEvent.objects.filter(kind="status_lookup").count() == 4
    assert not LimitedEvent.objects.filter(kind="upload").exists()


def test_the_default_limit_is_ten_look_ups_an_hour(client):
    statuses = [look_up(client, "GB-2222-2222", "guess@example.org").status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]


# --- getting there, and never cached ---

def test_the_form_page_is_never_cached_and_takes_the_reference_from_the_address(client, consult_request):
    response = client.get(f"{URL}?reference={consult_request.reference}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    html = response.content.decode()
    assert f'value="{consult_request.reference}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert reverse("consult:status") == URL
    answered = look_up(client, consult_request.reference, consult_request.email)
    assert "no-store" in answered["Cache-Control"]


def test_the_shared_page_cache_keeps_the_reference_and_stores_nothing(page_cache, consult_request):
    client = Client()
    for _ in range(2):
        response = client.get(f"{URL}?reference={consult_request.reference}")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert f'value="{consult_request.reference}"' in response.content.decode()


def test_the_csrf_token_is_required():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, {"reference": "GB-2222-2222", "email": "a@example.org"}).status_code == 403


@pytest.mark.usefixtures("myeloma")
def test_the_thanks_page_and_the_acknowledgement_link_here_with_the_reference_never_the_email(
        client, send_consult, run_tasks):
    send_consult()
    reference = ConsultRequest.objects.get().reference
    thanks = client.get("/en/consult/thanks/").content.decode()
    assert f'href="/en/consult/status/?reference={reference}"' in thanks
    run_tasks()
    acknowledgement = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert f"http://127.0.0.1:8000/en/consult/status/?reference={reference}" in acknowledgement.body
    assert "anna%40example.org" not in acknowledgement.body and "email=" not in acknowledgement.body
