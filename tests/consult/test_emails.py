"""Both emails of a request, the acknowledgement and the coordinators' notice: sent by a task
worker outside the request, saying little, and tried again when the mail server fails."""

import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consult.models import ConsultRequest
from tests.factories import make_consult_request, uploaded_file

from .mail_servers import BROKEN_EMAIL_BACKEND

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("myeloma")]
THANKS = "/en/consult/thanks/"


def test_emails_are_queued_with_the_request_never_sent_inside_it(send_consult, django_capture_on_commit_callbacks,
                                                                  run_tasks):
    with django_capture_on_commit_callbacks(execute=True):
        send_consult()
    assert mail.outbox == []
    saved = ConsultRequest.objects.get()
    assert saved.notification_state == "pending"
    assert DBTaskResult.objects.get().args_kwargs == {"args": [saved.pk], "kwargs": {}}
    run_tasks()
    assert len(mail.outbox) == 2
    saved.refresh_from_db()
    assert saved.notification_state == "sent"


def test_a_request_that_fails_to_save_leaves_no_queued_emails(send_consult, monkeypatch):
    monkeypatch.setattr("consult.services.ConsultAttachment.save", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        send_consult(uploaded_file())
    assert not ConsultRequest.objects.exists()
    assert not DBTaskResult.objects.exists()


@override_settings(CONSULT_NOTIFY_EMAILS=["coordinators@gobroad.example", "lead@gobroad.example"],
                   SITE_URL="https://www.gobroad.example", CONSULT_REPLY_WORKING_DAYS=2)
def test_both_emails_say_little_and_link_to_the_admin(send_consult, run_tasks):
    send_consult(uploaded_file())
    run_tasks()
    saved = ConsultRequest.objects.get()
    assert len(mail.outbox) == 2
    acknowledgement, notice = mail.outbox

    assert acknowledgement.to == ["anna@example.org"]
    assert saved.reference in acknowledgement.subject and saved.reference in acknowledgement.body
    assert "usually within 2 working days (Monday to Friday, Asia/Shanghai time)" in acknowledgement.body
    assert "not an emergency service" in acknowledgement.body

    assert notice.to == ["coordinators@gobroad.example", "lead@gobroad.example"]
    assert saved.reference in notice.subject
    admin_path = reverse("admin:consult_consultrequest_change", args=[saved.pk])
    admin_link = "https://www.gobroad.example" + admin_path
    assert admin_link in notice.body

    for email in (acknowledgement, notice):
        # The random reference could contain "67" (the patient's age) by chance.
        text = (email.subject + email.body).replace(saved.reference, "")
        for private in ("миелома", "化疗", "67", "Казахстан", "report.pdf"):
            assert private not in text, (private, email.subject)
    # Only the family's own summary names the condition they chose from our list.
    assert "myeloma" not in notice.subject + notice.body
    assert "myeloma" not in acknowledgement.subject
    for personal in ("Анна", "anna@example.org", "+7 912", "whatsapp", "WhatsApp"):
        assert personal not in notice.subject + notice.body
    # The acknowledgement goes to whatever address was typed: it repeats nothing typed but the reference.
    for typed in ("Анна", "Иванова", "+7 912"):
        assert typed not in acknowledgement.subject + acknowledgement.body

    saved.refresh_from_db()
    assert saved.notification_state == "sent"
    assert saved.acknowledgement_sent_at and saved.coordinators_notified_at
    assert saved.notification_attempts == 1 and saved.notification_error == ""


@override_settings(EMAIL_BACKEND=BROKEN_EMAIL_BACKEND)
def test_a_failing_email_server_never_loses_or_fails_a_request(send_consult, client, run_tasks, caplog):
    response = send_consult()
    assert response.status_code == 302
    run_tasks()
    saved = ConsultRequest.objects.get()
    assert saved.reference in client.get(THANKS).content.decode()
    assert saved.notification_state == "failed"
    assert saved.notification_attempts == 1
    assert "SMTP server unavailable" in saved.notification_error
    assert saved.acknowledgement_sent_at is None and saved.coordinators_notified_at is None
    assert "Could not send the acknowledgement" in caplog.text

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("send_consult_notifications", stdout=open("/dev/null", "w"))
    saved.refresh_from_db()
    assert saved.notification_state == "sent"
    assert saved.notification_error == ""
    assert len(mail.outbox) == 2


def test_only_the_email_that_failed_is_sent_again(client, monkeypatch):
    consult_request = make_consult_request(acknowledgement_sent_at=timezone.now(), notification_attempts=1,
                                           notification_error="coordinator notification: timeout")
    call_command("send_consult_notifications", stdout=open("/dev/null", "w"))
    assert [m.subject for m in mail.outbox] == [f"New consultation request {consult_request.reference}"]
    consult_request.refresh_from_db()
    assert consult_request.notification_state == "sent"
    assert consult_request.notification_attempts == 2


def test_a_hanging_email_server_never_slows_a_submission(send_consult, hanging_smtp, run_tasks):
    smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": hanging_smtp.port}
    with override_settings(**smtp, EMAIL_TIMEOUT=5):
        started = time.monotonic()
        response = send_consult(uploaded_file())
        elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 1.5, f"the submission took {elapsed:.1f} s"
    saved = ConsultRequest.objects.get()
    assert saved.notification_state == "pending"
    assert hanging_smtp.connections == []

    # The worker meets the hung server, records the failure and plans another try.
    with override_settings(**smtp, EMAIL_TIMEOUT=0.5):
        run_tasks()
    saved.refresh_from_db()
    assert saved.notification_state == "failed" and "timed out" in saved.notification_error
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after is not None and retry.run_after > saved.last_notification_attempt_at

    # Once the server answers again and the retry is due, both emails go out, once.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=retry.enqueued_at)
    run_tasks()
    run_tasks()
    saved.refresh_from_db()
    assert saved.notification_state == "sent"
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "coordinators@localhost"]


def test_the_acknowledgement_repeats_nothing_the_sender_typed(send_consult, run_tasks):
    phishing = "Your account is locked. Log in at http://evil.example/login"
    send_consult(full_name=phishing, message=f"{phishing} to keep your records.")
    run_tasks()
    reference = ConsultRequest.objects.get().reference
    acknowledgement = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    text = acknowledgement.subject + acknowledgement.body
    assert reference in acknowledgement.subject and reference in acknowledgement.body
    for typed in ("locked", "evil.example", "Log in", "keep your records"):
        assert typed not in text
    assert acknowledgement.body.startswith("Hello,\n")
