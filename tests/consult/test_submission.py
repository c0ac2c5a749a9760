"""After submitting: POST/redirect/GET, the honeypot, the hourly limit and client addresses."""

import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from consult.models import ConsultRequest, client_fingerprint, new_reference
from consult.services import client_ip
from tests.factories import CONSULT_MESSAGE, consult_form_data, make_consult_request, uploaded_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("myeloma")]
URL = "/en/consult/"
THANKS = "/en/consult/thanks/"


def submit(client, **extra):
    return client.post(URL, consult_form_data(), **extra)


# --- POST/redirect/GET and the thanks page ---

@override_settings(CONSULT_REPLY_WORKING_DAYS=2)
def test_submission_redirects_to_thanks_which_shows_the_reference(client):
    response = submit(client)
    assert response.status_code == 302
    assert response["Location"] == THANKS
    reference = ConsultRequest.objects.get().reference
    page = client.get(THANKS)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<p class="reference">{reference}</p>' in html
    assert "usually within 2 working days (Monday to Friday, Asia/Shanghai time)" in html
    assert "This is not an emergency service." in html
    assert '<meta name="robots" content="noindex">' in html
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]


def test_reloading_thanks_shows_the_reference_again_and_sends_nothing(client,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
    reference = ConsultRequest.objects.get().reference
    sent = len(mail.outbox)
    for _ in range(3):
        assert reference in client.get(THANKS).content.decode()
    assert ConsultRequest.objects.count() == 1
    assert len(mail.outbox) == sent
    assert client.post(THANKS).status_code == 405


@override_settings(CONSULT_REPLY_WORKING_DAYS=2)
def test_thanks_without_a_submission_shows_no_reference(client):
    html = client.get(THANKS).content.decode()
    assert "GB-" not in html
    assert "usually within 2 working days (Monday to Friday, Asia/Shanghai time)" in html


def test_a_second_request_shows_its_own_reference(client):
    submit(client)
    submit(client)
    newest = ConsultRequest.objects.order_by("-created_at", "-pk").first()
    assert newest.reference in client.get(THANKS).content.decode()


def _form_token(client):
    return re.search(r'name="submission_token" value="([0-9a-f-]{36})"', client.get(URL).content.decode()).group(1)


def test_the_same_form_sent_twice_is_saved_once_and_answered_with_the_first_reference(
        client, run_tasks, django_capture_on_commit_callbacks):
    """A double click, or nginx sending a post again to another app server after the first died."""
    token = _form_token(client)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, {**consult_form_data(), "submission_token": token})
    run_tasks()
    reference = ConsultRequest.objects.get().reference
    sent = len(mail.outbox)

    other_app_server = Client()  # no session: the retry reaches a server that has never seen this visitor
    again = other_app_server.post(URL, {**consult_form_data(), "submission_token": token})
    run_tasks()

    assert first.status_code == again.status_code == 302 and again["Location"] == THANKS
    assert ConsultRequest.objects.count() == 1 and ConsultRequest.objects.get().submission_token == uuid.UUID(token)
    assert f'<p class="reference">{reference}</p>' in other_app_server.get(THANKS).content.decode()
    assert len(mail.outbox) == sent  # no second acknowledgement or notification


def test_a_form_already_saved_is_answered_even_when_the_hourly_limit_is_reached(client):
    token = _form_token(client)
    assert client.post(URL, {**consult_form_data(), "submission_token": token}).status_code == 302
    for _ in range(4):
        submit(client)
    assert client.post(URL, {**consult_form_data(), "submission_token": token}).status_code == 302
    assert submit(client).status_code == 429
    assert ConsultRequest.objects.count() == 5


def test_an_old_page_sent_again_with_a_new_message_is_a_new_request(client):
    """The back button can bring back a page already sent; what is written on it now is a second request."""
    token = _form_token(client)
    client.post(URL, {**consult_form_data(), "submission_token": token})
    second = client.post(URL, {**consult_form_data(message="A second question about my father's scans."),
                               "submission_token": token})
    assert second.status_code == 302
    assert ConsultRequest.objects.count() == 2
    assert "A second question" in ConsultRequest.objects.order_by("-pk").first().message


def test_two_form_pages_are_two_requests(client):
    for _ in range(2):
        client.post(URL, {**consult_form_data(), "submission_token": _form_token(client)})
    assert ConsultRequest.objects.count() == 2


@pytest.mark.parametrize("token", ["", "not-a-uuid", "' OR 1=1 --"])
def test_a_missing_or_mangled_token_still_saves_the_request(client, token):
    assert client.post(URL, {**consult_form_data(), "submission_token": token}).status_code == 302
    assert ConsultRequest.objects.get().submission_token is None


def test_references_are_unambiguous_and_random():
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    for reference in list(references)[:200]:
        assert re.fullmatch(r"GB-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", reference)
        assert not set(reference[3:]) & set("01OIL")


def test_a_repeated_reference_is_replaced_not_fatal(client, monkeypatch):
    taken = make_consult_request().reference
    monkeypatch.setattr(ConsultRequest._meta.get_field("reference"), "_get_default", lambda: taken)
    monkeypatch.setattr("consult.services.new_reference", lambda: "GB-ZZZZ-2222")
    response = client.post(URL, consult_form_data())
    assert response.status_code == 302
    assert ConsultRequest.objects.filter(reference="GB-ZZZZ-2222").exists()


def test_csrf_is_enforced():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, consult_form_data())
    assert response.status_code == 403
    assert not ConsultRequest.objects.exists()
    page = strict.get(URL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert strict.post(URL, {**consult_form_data(), "csrfmiddlewaretoken": token}).status_code == 302


# --- honeypot ---

def test_honeypot_shows_thanks_but_saves_and_sends_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(URL, {**consult_form_data(website="http://spam.example"),
                                     "attachments": [uploaded_file()]})
    assert response.status_code == 302
    assert response["Location"] == THANKS
    assert not ConsultRequest.objects.exists()
    assert callbacks == [] and mail.outbox == []
    assert "GB-" not in client.get(THANKS).content.decode()


def test_honeypot_does_not_reveal_an_earlier_reference(client):
    submit(client)
    client.post(URL, consult_form_data(website="spam"))
    assert "GB-" not in client.get(THANKS).content.decode()


def test_honeypot_is_hidden_from_people_and_assistive_technology(client):
    html = client.get(URL).content.decode()
    block = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S).group(1)
    assert 'name="website"' in block and 'tabindex="-1"' in block and 'autocomplete="off"' in block


# --- hourly limit ---

def test_sixth_request_in_an_hour_is_refused_politely(client):
    for _ in range(5):
        assert submit(client).status_code == 302
    response = submit(client)
    assert response.status_code == 429
    assert ConsultRequest.objects.count() == 5
    html = response.content.decode()
    assert '<div class="error-summary" role="alert" tabindex="-1" autofocus' in html
    assert re.search(r"please send it again in about (59|60) minutes", html)
    assert 3540 <= int(response["Retry-After"]) <= 3600
    assert 'value="Анна Петровна Иванова"' in html
    assert CONSULT_MESSAGE in html


def test_retry_time_counts_from_the_oldest_request_in_the_window(client):
    for _ in range(5):
        submit(client)
    ConsultRequest.objects.filter(pk=ConsultRequest.objects.order_by("created_at").first().pk).update(
        created_at=timezone.now() - timedelta(minutes=50))
    response = submit(client)
    assert response.status_code == 429
    assert re.search(r"in about (10|11) minutes", response.content.decode())


def test_the_limit_resets_after_an_hour(client):
    for _ in range(5):
        submit(client)
    ConsultRequest.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert submit(client).status_code == 302


def test_the_limit_is_per_client_address(client):
    for _ in range(5):
        submit(client)
    assert submit(client, REMOTE_ADDR="203.0.113.9").status_code == 302
    assert submit(client).status_code == 429


@override_settings(CONSULT_RATE_LIMIT_PER_HOUR=2)
def test_the_limit_is_a_setting(client):
    assert submit(client).status_code == 302
    assert submit(client).status_code == 302
    assert submit(client).status_code == 429


def test_forwarded_for_is_ignored_without_trusted_proxies(client):
    for n in range(5):
        assert submit(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code == 302
    assert submit(client, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_forwarded_for_from_a_trusted_proxy_names_the_client(client):
    for _ in range(5):
        assert submit(client, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302
    # A client cannot escape by prepending its own entries: the proxy's entry is the last one.
    assert submit(client, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7").status_code == 429
    assert submit(client, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


@pytest.mark.parametrize(("trusted", "forwarded", "expected"), [
    (0, "198.51.100.7", "10.0.0.1"),
    (1, "198.51.100.7", "198.51.100.7"),
    (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
    (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
    (2, "198.51.100.7", "10.0.0.1"),  # fewer entries than proxies: not through them all
    (1, "not-an-address", "10.0.0.1"),
    (1, "", "10.0.0.1"),
    (1, "2001:db8::1", "2001:db8::1"),
])
def test_client_ip(trusted, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXY_COUNT=trusted):
        assert client_ip(request) == expected


def test_the_address_is_stored_only_as_a_keyed_hash(client):
    submit(client, REMOTE_ADDR="203.0.113.77")
    saved = ConsultRequest.objects.get()
    assert "203.0.113.77" not in str(ConsultRequest.objects.values().get())
    assert saved.client_fingerprint == client_fingerprint("203.0.113.77")
    assert re.fullmatch(r"[0-9a-f]{64}", saved.client_fingerprint)
    with override_settings(SECRET_KEY="another-secret-key-" + "x" * 40):
        assert client_fingerprint("203.0.113.77") != saved.client_fingerprint


def test_an_ipv6_client_is_limited_by_its_64_prefix():
    assert client_fingerprint("2001:db8:1:2::1") == client_fingerprint("2001:db8:1:2:ffff::9")
    assert client_fingerprint("2001:db8:1:2::1") != client_fingerprint("2001:db8:1:3::1")
    # An IPv4 client seen through a dual-stack socket is still limited by its own address.
    assert client_fingerprint("::ffff:198.51.100.7") == client_fingerprint("198.51.100.7")
    assert client_fingerprint("::ffff:198.51.100.7") != client_fingerprint("::ffff:198.51.100.8")
