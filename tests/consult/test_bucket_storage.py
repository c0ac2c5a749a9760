"""Consultation reports in an S3-compatible bucket (several app servers), tested against moto's
server: private objects, no URL anywhere, downloads only through the permission-checked view."""

import pytest
from django.test import Client
from django.urls import reverse

from consult.models import ConsultAttachment, ConsultRequest
from tests.factories import PDF, make_coordinator, uploaded_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("myeloma", "bucket_storages")]


def _key(attachment):
    return f"private/{attachment.file.name}"


def test_a_report_is_kept_in_the_buckets_private_folder_with_no_public_grant(send_consult, bucket):
    assert send_consult(uploaded_file("report.pdf", PDF)).status_code == 302
    attachment = ConsultAttachment.objects.get()
    stored = bucket.client.get_object(Bucket=bucket.name, Key=_key(attachment))["Body"].read()
    assert stored.startswith(b"%PDF")
    grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=_key(attachment))["Grants"]
    assert [grant for grant in grants if "URI" in grant["Grantee"]] == []  # no AllUsers / AuthenticatedUsers
    assert bucket.keys("public/") == []
    with pytest.raises(ValueError, match="no public URL"):
        attachment.file.url  # noqa: B018


def test_a_coordinator_downloads_it_through_the_site_and_nobody_else_can(send_consult, bucket):
    send_consult(uploaded_file("report.pdf", PDF))
    attachment = ConsultAttachment.objects.get()
    url = reverse("consult_attachment", args=[attachment.pk])
    coordinator = Client()
    coordinator.force_login(make_coordinator())

    response = coordinator.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == bucket.client.get_object(
        Bucket=bucket.name, Key=_key(attachment))["Body"].read()
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_a_report_missing_from_the_bucket_is_a_404_not_a_500(send_consult, bucket):
    send_consult(uploaded_file("report.pdf", PDF))
    attachment = ConsultAttachment.objects.get()
    bucket.client.delete_object(Bucket=bucket.name, Key=_key(attachment))
    coordinator = Client()
    coordinator.force_login(make_coordinator())
    assert coordinator.get(reverse("consult_attachment", args=[attachment.pk])).status_code == 404


def test_deleting_a_request_deletes_its_report_from_the_bucket(send_consult, bucket,
                                                               django_capture_on_commit_callbacks):
    send_consult(uploaded_file("report.pdf", PDF))
    assert len(bucket.keys("private/")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        ConsultRequest.objects.get().delete()
    assert bucket.keys("private/") == []


def test_two_reports_with_one_name_never_overwrite_each_other(bucket):
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    private = storages["private"]
    first = private.save("2026/report.pdf", ContentFile(b"%PDF first"))
    second = private.save("2026/report.pdf", ContentFile(b"%PDF second"))
    assert first != second
    assert len(bucket.keys("private/2026/")) == 2
