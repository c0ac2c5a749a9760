"""Retention and email retries from the command line."""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from consult.models import ConsultAttachment, ConsultRequest
from tests.factories import make_consult_attachment, make_consult_request

from .mail_servers import BROKEN_EMAIL_BACKEND

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def aged(days, **fields):
    consult_request = make_consult_request(**fields)
    ConsultRequest.objects.filter(pk=consult_request.pk).update(
        created_at=timezone.now() - timedelta(days=days))
    return consult_request


def test_purge_dry_run_counts_and_deletes_nothing():
    old = aged(40)
    path = Path(make_consult_attachment(old).file.path)
    aged(10)
    output = run("purge_consult_requests", "--older-than", "30", "--dry-run")
    assert "Would delete 1 request(s) and 1 file(s) older than 30 days" in output
    assert ConsultRequest.objects.count() == 2
    assert path.exists()


def test_purge_deletes_old_requests_with_their_files(django_capture_on_commit_callbacks):
    old = aged(40)
    old_path = Path(make_consult_attachment(old).file.path)
    recent = aged(10)
    recent_path = Path(make_consult_attachment(recent).file.path)
    with django_capture_on_commit_callbacks(execute=True):
        output = run("purge_consult_requests", "--older-than", "30")
    assert "Deleted 1 request(s) and 1 file(s)" in output
    assert list(ConsultRequest.objects.all()) == [recent]
    assert ConsultAttachment.objects.count() == 1
    assert not old_path.exists()
    assert recent_path.exists()


@override_settings(CONSULT_RETENTION_DAYS=100)
def test_purge_defaults_to_the_retention_setting(django_capture_on_commit_callbacks):
    aged(101)
    kept = aged(99)
    with django_capture_on_commit_callbacks(execute=True):
        output = run("purge_consult_requests")
    assert "older than 100 days" in output
    assert list(ConsultRequest.objects.all()) == [kept]


def test_purge_refuses_zero_days():
    make_consult_request()
    with pytest.raises(CommandError):
        run("purge_consult_requests", "--older-than", "0")
    assert ConsultRequest.objects.count() == 1


def stored_without_a_request(name, minutes_ago):
    """A file in the attachments' folder that no row refers to, as a killed server leaves it."""
    path = Path(settings.PRIVATE_MEDIA_ROOT) / "consult" / "2026" / "11" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 stray")
    stamp = (timezone.now() - timedelta(minutes=minutes_ago)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def own_private_media(settings, tmp_path):
    """A private folder of this test's own: other tests leave files behind in the shared one."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_purge_deletes_files_without_a_request_once_they_are_an_hour_old(own_private_media):
    kept = Path(make_consult_attachment(make_consult_request()).file.path)
    os.utime(kept, (0, 0))
    stray = stored_without_a_request("stray.pdf", minutes_ago=61)
    being_saved = stored_without_a_request("young.pdf", minutes_ago=5)

    assert "and 1 file(s) without a request" in run("purge_consult_requests", "--dry-run")
    assert stray.exists()
    output = run("purge_consult_requests")
    assert "Deleted 0 request(s) and 0 file(s) older than 730 days, and 1 file(s) without a request." in output
    assert not stray.exists()
    assert being_saved.exists() and kept.exists()
    assert ConsultAttachment.objects.count() == 1

    assert "and 1 file(s) without a request" in run("purge_consult_requests", "--stray-after", "0")
    assert not being_saved.exists() and kept.exists()


def test_purge_with_no_attachments_folder_yet(own_private_media):
    assert "and 0 file(s) without a request" in run("purge_consult_requests")


def test_purge_refuses_a_negative_stray_age(own_private_media):
    stray = stored_without_a_request("stray.pdf", minutes_ago=120)
    with pytest.raises(CommandError):
        run("purge_consult_requests", "--stray-after", "-1")
    assert stray.exists()


def test_send_notifications_sends_pending_and_failed_but_not_sent_or_spam():
    pending = make_consult_request()
    failed = make_consult_request(notification_attempts=3, notification_error="acknowledgement: timeout")
    now = timezone.now()
    make_consult_request(acknowledgement_sent_at=now, coordinators_notified_at=now, notification_attempts=1)
    make_consult_request(status="spam")
    output = run("send_consult_notifications")
    assert f"{pending.reference}: sent" in output and f"{failed.reference}: sent" in output
    assert "Emails sent for 2 request(s); 0 still failing." in output
    assert len(mail.outbox) == 4
    attempts = ConsultRequest.objects.exclude(status="spam").values_list("notification_attempts", flat=True)
    assert set(attempts) == {1, 4}
    assert ConsultRequest.objects.notifications_outstanding().exclude(status="spam").count() == 0
    assert run("send_consult_notifications").endswith("Emails sent for 0 request(s); 0 still failing.\n")


@override_settings(EMAIL_BACKEND=BROKEN_EMAIL_BACKEND)
def test_send_notifications_reports_what_still_fails():
    consult_request = make_consult_request()
    err = io.StringIO()
    call_command("send_consult_notifications", stdout=io.StringIO(), stderr=err)
    assert f"{consult_request.reference}: failed again" in err.getvalue()
    consult_request.refresh_from_db()
    assert consult_request.notification_state == "failed"
