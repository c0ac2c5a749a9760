"""Each change of a request's status is recorded, with who made it; a coordinator may tell the
family by email, in their language, saying only the reference, the stage and where to follow it."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from consult.models import ConsultRequest, StatusChange
from tests.factories import (
    advance_consult_request,
    make_condition,
    make_consult_request,
    make_coordinator,
)

from .mail_servers import BROKEN_EMAIL_BACKEND

pytestmark = pytest.mark.django_db
PRIVATE = ("Zebedee", "Quillfeather", "Marmalade", "thrombocytes", "xylophone", "Atlantis", "Perfidious",
           "7946", "wxid_zebedee")


@pytest.fixture
def consult_request(db):
    condition = make_condition(name="Perfidious Myeloma", slug="perfidious-myeloma")
    return make_consult_request(
        full_name="Zebedee Quillfeather", message="Marmalade thrombocytes beside the xylophone",
        patient_country="Atlantis", phone="+44 20 7946 0958", condition=condition,
        condition_name="Perfidious Myeloma", messenger_id="wxid_zebedee", email="family@example.org",
        page_language="en")


@pytest.fixture
def coordinator(client):
    user = make_coordinator()
    client.force_login(user)
    return user


def triage(client, consult_request, status, tell_family=False, **fields):
    data = {"status": status, "assigned_to": "", "internal_notes": "", "_save": "Save", **fields}
    if tell_family:
        data["tell_family"] = "on"
    return client.post(reverse("admin:consult_consultrequest_change", args=[consult_request.pk]), data,
                       follow=True)


def family_emails():
    return [m for m in mail.outbox if m.to == ["family@example.org"]]


# --- the history ---

def test_a_new_request_starts_its_history_received():
    consult_request = make_consult_request()
    change = consult_request.status_changes.get()
    assert change.status == "new" and change.family_stage == "Received"
    assert change.changed_at == consult_request.created_at and change.changed_by is None


@pytest.mark.usefixtures("myeloma")
def test_a_request_sent_through_the_form_starts_its_history_once(send_consult):
    send_consult()
    assert list(ConsultRequest.objects.get().status_changes.values_list("status", flat=True)) == ["new"]


def test_changes_in_the_admin_are_recorded_with_who_made_them(client, coordinator, consult_request):
    triage(client, consult_request, "in_review")
    triage(client, consult_request, "in_review", internal_notes="Only the notes change.")
    triage(client, consult_request, "with_specialist")
    changes = list(consult_request.status_changes.order_by("changed_at", "id"))
    assert [c.status for c in changes] == ["new", "in_review", "with_specialist"]
    assert [c.changed_by for c in changes] == [None, coordinator, coordinator]
    assert changes[1].changed_at <= changes[2].changed_at
    assert mail.outbox == []  # nobody ticked the box


def test_the_history_is_shown_read_only_in_the_admin(client, coordinator, consult_request, run_tasks):
    triage(client, consult_request, "in_review", tell_family=True)
    run_tasks()
    html = client.get(reverse("admin:consult_consultrequest_change", args=[consult_request.pk])).content.decode()
    assert "Status history" in html
    assert "Your records are being checked" in html and coordinator.username in html
    assert 'class="consult-family-email"' in html
    assert "Sent " in html
    assert 'name="status_changes-TOTAL_FORMS"' not in html  # nothing in it can be edited


def test_with_a_specialist_sits_between_in_review_and_contacted():
    assert [value for value, _label in ConsultRequest.Status.choices] == [
        "new", "in_review", "with_specialist", "contacted", "closed", "spam"]
    assert ConsultRequest.Status.WITH_SPECIALIST.label == "With a specialist"


# --- the family's email ---

@override_settings(SITE_URL="https://www.gobroad.example")
def test_ticking_the_box_emails_the_family_the_new_stage_and_records_it(client, coordinator, consult_request,
                                                                         run_tasks):
    response = triage(client, consult_request, "with_specialist", tell_family=True)
    assert "The family will be told by email" in response.content.decode()
    assert family_emails() == []  # queued for the worker, never sent inside the request
    change = consult_request.status_changes.get(status="with_specialist")
    assert change.family_email_queued_at is not None and change.family_email_sent_at is None
    assert DBTaskResult.objects.filter(args_kwargs={"args": [change.pk], "kwargs": {}}).exists()

    run_tasks()
    (email,) = family_emails()
    assert email.subject == f"Your consultation request {consult_request.reference}: With a specialist"
    assert "Its stage is now: With a specialist." in email.body
    assert f"https://www.gobroad.example/en/consult/status/?reference={consult_request.reference}" in email.body
    assert email.reply_to == ["coordinators@localhost"]
    change.refresh_from_db()
    assert change.family_email_sent_at is not None
    assert change.family_email == f"{email.subject}\n\n{email.body}"


@pytest.mark.parametrize("status", ["new", "in_review", "with_specialist", "contacted", "closed"])
def test_a_stage_email_says_nothing_typed_and_nothing_medical(client, coordinator, consult_request, run_tasks,
                                                              status):
    if status == "new":
        advance_consult_request(consult_request, "in_review")
    triage(client, consult_request, status, tell_family=True)
    run_tasks()
    (email,) = family_emails()
    text = email.subject + email.body
    for private in PRIVATE:
        assert private not in text, private
    assert consult_request.reference in email.subject


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_the_stage_email_is_in_the_language_the_family_wrote_in(client, coordinator, consult_request, run_tasks,
                                                                language):
    ConsultRequest.objects.filter(pk=consult_request.pk).update(page_language=language)
    triage(client, consult_request, "contacted", tell_family=True)
    run_tasks()
    (email,) = family_emails()
    with translation.override(language):
        hello = gettext("Hello,")
    assert hello != "Hello," and email.body.startswith(hello)
    assert f"/{language}/consult/status/?reference={consult_request.reference}" in email.body


def test_spam_is_never_announced(client, coordinator, consult_request, run_tasks):
    response = triage(client, consult_request, "spam", tell_family=True)
    assert "a request marked as spam is never announced" in response.content.decode()
    run_tasks()
    assert family_emails() == []
    assert consult_request.status_changes.get(status="spam").family_email_queued_at is None


def test_a_request_marked_as_spam_before_its_email_went_out_gets_none(client, coordinator, consult_request,
                                                                       run_tasks):
    triage(client, consult_request, "in_review", tell_family=True)
    triage(client, consult_request, "spam")
    run_tasks()
    assert family_emails() == []
    assert "spam" in consult_request.status_changes.get(status="in_review").family_email_error


def test_no_email_when_the_status_did_not_change(client, coordinator, consult_request, run_tasks):
    response = triage(client, consult_request, "new", tell_family=True)
    assert "the status did not change" in response.content.decode()
    run_tasks()
    assert family_emails() == []
    assert consult_request.status_changes.count() == 1


@override_settings(EMAIL_BACKEND=BROKEN_EMAIL_BACKEND)
def test_a_failed_stage_email_is_recorded_and_tried_again(client, coordinator, consult_request, run_tasks):
    triage(client, consult_request, "contacted", tell_family=True)
    run_tasks()
    change = StatusChange.objects.get(status="contacted")
    assert change.family_email_sent_at is None and change.family_email_attempts == 1
    assert "SMTP server unavailable" in change.family_email_error
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after is not None


def test_the_existing_history_migration_keeps_what_it_can(transactional_db):
    """Requests already stored before the history existed get theirs: received, and their status now."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before, after = [("consult", "0003_page_language")], [("consult", "0005_status_history")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old_request = old.get_model("consult", "ConsultRequest").objects.create(
        reference="GB-2222-3333", writer_role="patient", full_name="A", email="a@example.org", phone="+86 1",
        contact_channel="email", preferred_language="en", patient_country="中国", patient_age=50, message="m",
        privacy_notice_version="1", consent_given_at="2026-01-01T00:00Z", client_fingerprint="f", status="contacted")
    old.get_model("consult", "UploadAttempt").objects.create(client_fingerprint="f" * 64)
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    changes = new.get_model("consult", "StatusChange").objects.filter(request_id=old_request.pk)
    assert list(changes.order_by("changed_at", "id").values_list("status", flat=True)) == ["new", "contacted"]
    event = new.get_model("consult", "LimitedEvent").objects.get()
    assert event.kind == "upload" and event.client_fingerprint == "f" * 64
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
