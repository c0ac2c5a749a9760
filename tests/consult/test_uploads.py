"""Medical reports: judged by their content, stored privately, and limits that never end in a 500."""

import io
import re
from pathlib import Path

import pikepdf
import pytest
from django.conf import settings
from django.test import override_settings
from PIL import Image

from consult.models import ConsultAttachment, ConsultRequest
from tests.factories import PDF, camera_exif, consult_form_data, image_bytes, multipart_body, uploaded_file, zip_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("myeloma")]
URL = "/en/consult/"
MB = 2**20


def attachment_errors(response):
    return " ".join(response.context["form"].errors.get("attachments", []))


def test_pdf_is_stored_privately_under_a_random_name(send_consult):
    response = send_consult(uploaded_file("Заключение врача.pdf"))
    assert response.status_code == 302
    attachment = ConsultAttachment.objects.get()
    assert attachment.original_name == "Заключение врача.pdf"
    assert attachment.content_type == "application/pdf"
    stored = Path(attachment.file.path)
    assert attachment.size == stored.stat().st_size
    assert len(pikepdf.open(stored).pages) == 1
    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    assert "Заключение" not in stored.name and stored.suffix == ".pdf"
    assert len(stored.stem) >= 32
    assert stored.stat().st_mode & 0o077 == 0
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 - private files have no public URL


def test_jpeg_is_reencoded_without_its_metadata(send_consult):
    photo = image_bytes("JPEG", size=(64, 48), exif=camera_exif())
    assert b"PhoneMaker" in photo
    response = send_consult(uploaded_file("scan.jpg", photo + b"<script>alert(1)</script>", "image/jpeg"))
    assert response.status_code == 302
    attachment = ConsultAttachment.objects.get()
    stored = Path(attachment.file.path).read_bytes()
    assert attachment.content_type == "image/jpeg"
    assert stored.startswith(b"\xff\xd8") and b"PhoneMaker" not in stored and b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).size == (64, 48)
    assert attachment.size == len(stored)


def test_png_is_accepted_and_reencoded(send_consult):
    response = send_consult(uploaded_file("blood-count.png", image_bytes("PNG"), "image/png"))
    assert response.status_code == 302
    attachment = ConsultAttachment.objects.get()
    assert attachment.content_type == "image/png"
    assert Path(attachment.file.path).read_bytes().startswith(b"\x89PNG")


def test_private_storage_follows_the_setting(send_consult, tmp_path):
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path / "elsewhere"):
        assert send_consult(uploaded_file()).status_code == 302
        path = Path(ConsultAttachment.objects.get().file.path)
    assert path.is_relative_to(tmp_path / "elsewhere") and path.exists()


@pytest.mark.parametrize(("mode", "kind"), [("I;16", "PNG"), ("LA", "PNG"), ("P", "PNG"), ("1", "PNG"),
                                            ("CMYK", "JPEG"), ("L", "JPEG")])
def test_images_in_less_common_modes_are_accepted(send_consult, mode, kind):
    content = image_bytes(kind, size=(20, 20), mode=mode, color=0)
    response = send_consult(uploaded_file(f"scan.{kind.lower()}", content, "image/png"))
    assert response.status_code == 302, response.context["form"].errors
    stored = Image.open(ConsultAttachment.objects.get().file.path)
    assert stored.format == kind and stored.size == (20, 20)


def test_a_file_is_judged_by_content_not_its_name(send_consult):
    response = send_consult(uploaded_file("photo.pdf", image_bytes("PNG"), "application/pdf"))
    assert response.status_code == 302
    attachment = ConsultAttachment.objects.get()
    assert attachment.content_type == "image/png"
    assert attachment.download_name == "photo.pdf.png"


def test_five_files_are_accepted(send_consult):
    files = [uploaded_file(f"report-{n}.pdf") for n in range(5)]
    assert send_consult(*files).status_code == 302
    assert ConsultAttachment.objects.count() == 5


REFUSED = {
    "svg": ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml"),
    "svg named png": ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "image/png"),
    "html": ("report.html", b"<!doctype html><script>alert(1)</script>", "text/html"),
    "html named pdf": ("report.pdf", b"<html><body>hi</body></html>", "application/pdf"),
    "text named pdf": ("report.pdf", b"This is not really a PDF.\n", "application/pdf"),
    "pdf magic late": ("report.pdf", b" %PDF-1.4 leading space", "application/pdf"),
    "gif": ("scan.gif", image_bytes("GIF"), "image/gif"),
    "bmp named jpg": ("scan.jpg", image_bytes("BMP"), "image/jpeg"),
    "webp": ("scan.webp", image_bytes("WEBP"), "image/webp"),
    "tiff": ("scan.tiff", image_bytes("TIFF"), "image/tiff"),
    "zip": ("reports.zip", zip_bytes({"report.pdf": PDF}), "application/zip"),
    "truncated jpeg": ("scan.jpg", image_bytes("JPEG", size=(300, 300))[:400], "image/jpeg"),
    "executable": ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "application/octet-stream"),
    "docx": ("letter.docx", b"PK\x03\x04" + b"\x00" * 100, "application/vnd.openxmlformats"),
}


@pytest.mark.parametrize("kind", REFUSED)
def test_other_kinds_of_file_are_refused_naming_the_file(send_consult, kind):
    name, content, content_type = REFUSED[kind]
    stored_before = len(list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.*")))
    response = send_consult(uploaded_file(name, content, content_type))
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    errors = attachment_errors(response)
    assert f"“{name}”" in errors
    assert "not a PDF, JPEG or PNG file" in errors
    assert 'href="#id_attachments"' in response.content.decode()
    assert len(list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.*"))) == stored_before


def test_empty_file_is_refused(send_consult):
    response = send_consult(uploaded_file("empty.pdf", b""))
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    assert "“empty.pdf”" in attachment_errors(response)


@pytest.mark.parametrize(("width", "height"), [
    (10_000, 10_000),  # 100 MP: Pillow's DecompressionBombWarning, turned into an error
    (14_000, 14_000),  # 196 MP: Pillow's DecompressionBombError
    (9_000, 6_000),    # 54 MP: under Pillow's threshold, over ours
])
def test_decompression_bombs_are_refused(send_consult, width, height):
    bomb = image_bytes("PNG", size=(width, height), mode="1")  # one bit a pixel: almost nothing compressed
    assert len(bomb) < 2 * MB
    response = send_consult(uploaded_file("bomb.png", bomb, "image/png"))
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    errors = attachment_errors(response)
    assert "“bomb.png”" in errors and "too large to open safely" in errors


def test_six_files_are_too_many_and_nothing_else_is_lost(send_consult):
    response = send_consult(*[uploaded_file(f"report-{n}.pdf") for n in range(6)])
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    assert "You can attach at most 5 files." in attachment_errors(response)
    html = response.content.decode()
    assert 'value="Анна Петровна Иванова"' in html
    assert "choose them again" in html


def test_a_file_over_10_mb_is_refused_by_name(send_consult):
    response = send_consult(uploaded_file("CT scan.pdf", PDF + b"0" * (10 * MB)))
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    errors = attachment_errors(response)
    assert "“CT scan.pdf” is larger than 10 MB" in errors


def test_a_60_mb_post_gets_a_clear_error_not_a_500(send_consult):
    response = send_consult(uploaded_file("whole-history.pdf", PDF + b"0" * (60 * MB)), uploaded_file("small.pdf"))
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    assert not ConsultAttachment.objects.exists()
    assert "“whole-history.pdf” is larger than 10 MB" in attachment_errors(response)
    assert 'value="Анна Петровна Иванова"' in response.content.decode()


def test_the_upload_handler_discards_big_files_while_they_stream(send_consult, monkeypatch):
    """The oversized file never reaches Django's temporary file: only what fits is written."""
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    written = []
    original = TemporaryFileUploadHandler.receive_data_chunk
    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk",
                        lambda self, raw, start: written.append(len(raw)) or original(self, raw, start))
    send_consult(uploaded_file("huge.pdf", PDF + b"0" * (30 * MB)))
    assert sum(written) <= 10 * MB


def test_more_files_than_django_accepts_is_a_clear_413_that_keeps_what_was_typed(send_consult):
    response = send_consult(*[uploaded_file(f"r{n}.pdf") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)])
    assert response.status_code == 413
    html = response.content.decode()
    assert '<div class="error-summary" role="alert" tabindex="-1" autofocus' in html
    assert "You chose more files than we can receive: please attach at most 5" in html
    assert 'value="Анна Петровна Иванова"' in html and 'value="anna@example.org"' in html
    assert "миелома выявлена в марте" in html
    assert re.search(r'<input[^>]*value="family"[^>]*checked', html)
    assert not ConsultRequest.objects.exists()


def test_a_file_name_too_long_for_the_parser_is_a_clear_400_that_keeps_what_was_typed(client):
    long_name = "Заключение гематолога о результатах обследования " * 12 + ".pdf"
    assert len(long_name.encode()) > 1024  # Django's limit on one part's headers
    # Django's test client cuts file names at 255 characters; a browser sends them whole.
    body, content_type = multipart_body(consult_form_data(), [("attachments", long_name, PDF, "application/pdf")])
    response = client.generic("POST", URL, body, content_type=content_type)
    assert response.status_code == 400
    html = response.content.decode()
    assert "A file with a very long name can cause this" in html
    assert 'value="Анна Петровна Иванова"' in html and "миелома выявлена в марте" in html
    assert not ConsultRequest.objects.exists()


def test_a_long_file_name_is_refused_by_name_with_everything_kept(send_consult):
    long_name = "снимок-" * 40 + ".png"
    assert 255 < len(long_name.encode()) < 900
    response = send_consult(uploaded_file(long_name, image_bytes("PNG"), "image/png"))
    assert response.status_code == 200
    assert not ConsultRequest.objects.exists()
    errors = attachment_errors(response)
    assert "is too long for us to receive" in errors and "shorter name" in errors
    assert 'value="Анна Петровна Иванова"' in response.content.decode()


def test_oversized_text_is_a_clear_413(client):
    response = client.post(URL, consult_form_data(message="x" * (3 * MB)))
    assert response.status_code == 413
    assert "too large for us to receive" in response.content.decode()


def test_an_unreadable_body_is_a_clear_400(client):
    response = client.post(URL, b"--broken\r\nnot multipart", content_type="multipart/form-data; boundary=")
    assert response.status_code == 400
    assert "We could not read what your browser sent" in response.content.decode()


@override_settings(CONSULT_MAX_FILES=2)
def test_limits_come_from_settings(send_consult):
    response = send_consult(*[uploaded_file(f"r{n}.pdf") for n in range(3)])
    assert "You can attach at most 2 files." in attachment_errors(response)
