"""Triage in the admin, roles, private file downloads and deletion of files."""

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse

from consult.models import ConsultAttachment, ConsultRequest
from tests.factories import (
    PDF,
    image_bytes,
    make_consult_attachment,
    make_consult_request,
    make_content_editor,
    make_coordinator,
    make_staff_user,
    make_user,
)

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:consult_consultrequest_changelist"


def change_url(consult_request):
    return reverse("admin:consult_consultrequest_change", args=[consult_request.pk])


def download_url(attachment):
    return reverse("consult_attachment", args=[attachment.pk])


@pytest.fixture
def consult_request(db):
    return make_consult_request()


@pytest.fixture
def attachment(consult_request):
    return make_consult_attachment(consult_request, name="Анализ крови.pdf")


# --- who sees requests ---

def test_coordinator_sees_requests_newest_first_with_triage_columns(client, consult_request):
    older = make_consult_request(full_name="Older Sender", created_at=consult_request.created_at.replace(year=2025))
    client.force_login(make_coordinator())
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(consult_request.reference) < html.index(older.reference)
    headings = html[html.index("<thead>"):html.index("</thead>")]
    for column in ("Reference", "Received", "From", "Patient", "Reply language", "Status", "Coordinator", "Emails"):
        assert f">{column}</" in headings, column
    assert "Emails pending" in html
    assert '李明<br><span class="address">li.ming@example.cn</span><br>Prefers: WeChat' in html
    assert "Multiple myeloma<br>中国" in html


def test_changelist_filters_and_search(client, consult_request):
    sent = make_consult_request(full_name="Sent Person", acknowledgement_sent_at=consult_request.created_at,
                        coordinators_notified_at=consult_request.created_at, notification_attempts=1)
    failed = make_consult_request(full_name="Failed Person", notification_attempts=2, notification_error="boom")
    closed = make_consult_request(full_name="Closed Person", status="closed")
    client.force_login(make_coordinator())
    url = reverse(CHANGELIST)

    def listed(query):
        html = client.get(url, query).content.decode()
        return {r.reference for r in (consult_request, sent, failed, closed) if r.reference in html}

    assert listed({"emails": "sent"}) == {sent.reference}
    assert listed({"emails": "failed"}) == {failed.reference}
    assert listed({"emails": "pending"}) == {consult_request.reference, closed.reference}
    assert listed({"status__exact": "closed"}) == {closed.reference}
    assert listed({"q": failed.reference}) == {failed.reference}
    assert listed({"q": "Sent Person"}) == {sent.reference}


def test_coordinator_reads_a_request_and_downloads_its_files(client, consult_request, attachment):
    client.force_login(make_coordinator())
    response = client.get(change_url(consult_request))
    assert response.status_code == 200
    html = response.content.decode()
    assert consult_request.message in html
    assert f'href="{download_url(attachment)}"' in html
    assert "Анализ крови.pdf" in html
    assert "2026-11-26" in html  # privacy notice version
    assert 'name="full_name"' not in html  # submission data is read-only
    assert 'name="status"' in html and 'name="assigned_to"' in html and 'name="internal_notes"' in html


def test_coordinator_triages_status_assignment_and_notes_only(client, consult_request):
    me = make_coordinator()
    client.force_login(me)
    response = client.post(change_url(consult_request), {
        "status": "in_review", "assigned_to": me.pk, "internal_notes": "Asked Dr Wang for an opinion.",
        "full_name": "Changed", "message": "Changed", "_save": "Save",
    })
    assert response.status_code == 302
    consult_request.refresh_from_db()
    assert consult_request.status == "in_review"
    assert consult_request.assigned_to == me
    assert consult_request.internal_notes == "Asked Dr Wang for an opinion."
    assert consult_request.full_name == "李明" and consult_request.message != "Changed"


def test_only_coordinators_can_be_assigned(client, consult_request):
    me = make_coordinator()
    other = make_coordinator("second-coordinator")
    content_editor = make_content_editor()
    client.force_login(me)
    choices = client.get(change_url(consult_request)).context["adminform"].form.fields["assigned_to"].queryset
    assert set(choices) == {me, other}
    assert content_editor not in choices


def test_requests_cannot_be_added_in_the_admin_nor_deleted_by_coordinators(client, consult_request):
    client.force_login(make_coordinator())
    assert client.get(reverse("admin:consult_consultrequest_add")).status_code == 403
    delete = reverse("admin:consult_consultrequest_delete", args=[consult_request.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ConsultRequest.objects.filter(pk=consult_request.pk).exists()


def test_content_editors_cannot_see_requests_at_all(client, consult_request, attachment):
    client.force_login(make_content_editor())
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "Consultation requests" not in index.content.decode()
    assert "Conditions" in index.content.decode()
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(change_url(consult_request)).status_code == 403
    assert client.get(download_url(attachment)).status_code == 403


def test_coordinators_see_requests_on_the_admin_index(client):
    client.force_login(make_coordinator())
    assert "Consultation requests" in client.get(reverse("admin:index")).content.decode()


# --- private files ---

def test_anonymous_visitors_are_sent_to_log_in_never_given_the_file(client, attachment):
    response = client.get(download_url(attachment))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")
    assert b"%PDF" not in response.content


def test_logged_in_non_staff_and_staff_without_permission_get_403(client, attachment):
    plain = make_user("patient")
    client.force_login(plain)
    assert client.get(download_url(attachment)).status_code == 403
    client.force_login(make_staff_user("staff-without-consult"))
    assert client.get(download_url(attachment)).status_code == 403


@pytest.mark.parametrize("who", ["coordinator", "superuser"])
def test_coordinators_and_superusers_download_as_attachment(client, attachment, who):
    user = make_coordinator() if who == "coordinator" else make_staff_user("root", is_superuser=True)
    client.force_login(user)
    response = client.get(download_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%D0%90%D0%BD%D0%B0%D0%BB%D0%B8%D0%B7" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]


def test_inactive_coordinator_gets_nothing(client, attachment):
    user = make_coordinator()
    user.is_active = False
    user.save()
    client.force_login(user)
    assert client.get(download_url(attachment)).status_code in (302, 403)


def test_missing_file_is_404(client, attachment):
    Path(attachment.file.path).unlink()
    client.force_login(make_coordinator())
    assert client.get(download_url(attachment)).status_code == 404


def test_private_files_are_not_served_from_media(client, attachment):
    name = attachment.file.name
    assert client.get(f"/media/{name}").status_code == 404


# --- deleting a request deletes its files ---

def test_deleting_a_request_deletes_its_files(consult_request, attachment,
                                              django_capture_on_commit_callbacks):
    path = Path(attachment.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        consult_request.delete()
    assert not path.exists()
    assert not ConsultAttachment.objects.exists()


def test_queryset_delete_deletes_files(django_capture_on_commit_callbacks):
    paths = [Path(make_consult_attachment(make_consult_request()).file.path) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        ConsultRequest.objects.all().delete()
    assert not any(path.exists() for path in paths)


def test_files_stay_until_the_deletion_commits(consult_request, attachment,
                                               django_capture_on_commit_callbacks):
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=False):
        consult_request.delete()
    assert path.exists()


def test_admin_bulk_delete_deletes_files(client, django_capture_on_commit_callbacks):
    requests = [make_consult_request() for _ in range(2)]
    png = image_bytes("PNG")
    paths = [Path(make_consult_attachment(r, content=png, name="x.png", content_type="image/png").file.path)
             for r in requests]
    client.force_login(make_staff_user("root", is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(CHANGELIST), {
            "action": "delete_selected", "_selected_action": [r.pk for r in requests], "post": "yes"})
    assert response.status_code == 302
    assert not ConsultRequest.objects.exists()
    assert not any(path.exists() for path in paths)


# --- CSV export ---

def export(client, *requests):
    selected = [consult_request.pk for consult_request in requests]
    return client.post(reverse(CHANGELIST), {"action": "export_csv", "_selected_action": selected})


def test_csv_export_of_selected_requests(client, consult_request):
    make_consult_request(full_name="Not selected")
    make_consult_attachment(consult_request)
    client.force_login(make_coordinator())
    response = export(client, consult_request)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="consultation-requests-')
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:3] == ["Reference", "Received (UTC)", "Status"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Reference"] == consult_request.reference
    assert row["Full name"] == "李明"
    assert row["Phone"] == "'+86 138 0013 8000"  # never run as a spreadsheet formula
    assert row["Condition"] == "Multiple myeloma"
    assert row["Attachments"] == "1"
    assert row["Emails"] == "Emails pending"
    assert row["Language"] == "中文"


def test_formula_text_is_neutralised_in_csv(client):
    consult_request = make_consult_request(full_name="=HYPERLINK(\"http://evil.example\")", message="@SUM(A1)")
    client.force_login(make_coordinator())
    response = export(client, consult_request)
    rows = list(csv.reader(io.StringIO(response.content.decode()[1:])))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Full name"].startswith("'=") and row["Question or situation"].startswith("'@")


def test_retry_action_queues_outstanding_emails_for_the_worker(client, consult_request, run_tasks):
    from django.core import mail

    client.force_login(make_coordinator())
    response = client.post(reverse(CHANGELIST), {"action": "retry_notifications",
                                                 "_selected_action": [consult_request.pk]}, follow=True)
    assert response.status_code == 200
    assert "will be sent again in the next minute" in response.content.decode()
    assert mail.outbox == []
    run_tasks()
    assert len(mail.outbox) == 2
    consult_request.refresh_from_db()
    assert consult_request.notification_state == "sent"


def test_assignee_filter_lists_only_people_with_requests(client, consult_request):
    me = make_coordinator()
    make_content_editor("someone-from-content")
    consult_request.assigned_to = me
    consult_request.save()
    client.force_login(me)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert f"assigned_to__id__exact={me.pk}" in html
    assert "someone-from-content" not in html
