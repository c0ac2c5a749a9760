"""Stored reports keep only what is safe: pictures only their pixels, PDFs disarmed, and
files that are not what they claim, or are locked, refused."""

import io
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from consult.models import ConsultAttachment
from tests.factories import PDF, PDF_ATTACKS, camera_exif, image_bytes, pdf_bytes, uploaded_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("myeloma")]


def _srgb_profile_with_text():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + b"<script>alert(1)</script> GPS"


def _stored():
    attachment = ConsultAttachment.objects.get()
    return Path(attachment.file.path).read_bytes()


def test_a_stored_jpeg_keeps_only_its_pixels(send_consult):
    jpeg = image_bytes("JPEG", size=(64, 48), comment=b"<script>alert(3)</script>",
                       icc_profile=_srgb_profile_with_text(), exif=camera_exif())
    assert send_consult(uploaded_file("scan.jpg", jpeg, "image/jpeg")).status_code == 302
    stored = _stored()
    assert b"<script>" not in stored and b"55.7558" not in stored and b"ICC_PROFILE" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.size == (64, 48)
    assert not {"comment", "exif", "icc_profile", "xmp"} & set(image.info)


def test_a_stored_png_keeps_only_its_pixels(send_consult):
    info = PngInfo()
    info.add_text("Comment", "<script>alert(2)</script>")
    info.add_text("GPS", "55.7558N 37.6173E", zip=True)
    info.add_itxt("Description", "<script>x</script>")
    png = image_bytes("PNG", size=(40, 30), mode="RGBA", pnginfo=info, icc_profile=_srgb_profile_with_text(),
                      exif=camera_exif())
    assert send_consult(uploaded_file("scan.png", png, "image/png")).status_code == 302
    stored = _stored()
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"iCCP", b"eXIf", b"<script>", b"55.7558"):
        assert chunk not in stored, chunk
    image = Image.open(io.BytesIO(stored))
    assert image.size == (40, 30) and image.mode == "RGBA"


@pytest.mark.parametrize("attack", PDF_ATTACKS)
def test_a_stored_pdf_is_disarmed(send_consult, attack):
    original = pdf_bytes(attack)
    assert send_consult(uploaded_file("report.pdf", original)).status_code == 302
    stored = _stored()
    assert stored.rstrip().endswith(b"%%EOF") and b"APPENDED-ZIP" not in stored
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert len(pdf.pages) == 1
        assert "/OpenAction" not in pdf.Root and "/Names" not in pdf.Root or not pdf.Root.Names.keys()
        assert len(pdf.attachments) == 0
        page = pdf.pages[0].obj
        assert "/AA" not in page
        actions = [a.get("/A") for a in page.get("/Annots", [])]
        assert all(action is None or action.S == Name.URI for action in actions)
    for word in (b"JavaScript", b"Launch", b"calc.exe", b"cmd.exe", b"EmbeddedFile"):
        assert word not in stored, word
    if attack == "launch":
        assert b"https://www.example.org/" in stored  # ordinary links stay


@pytest.mark.parametrize("content", [
    b"%PDF-1.4\n<html><script>alert(1)</script></html>",
    b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    PDF[: len(PDF) // 3],
])
def test_a_file_that_only_starts_like_a_pdf_is_refused(send_consult, content):
    response = send_consult(uploaded_file("report.pdf", content))
    assert response.status_code == 200
    assert "“report.pdf” is not a PDF, JPEG or PNG file" in " ".join(response.context["form"].errors["attachments"])
    assert not ConsultAttachment.objects.exists()


def test_a_password_protected_pdf_is_refused_with_what_to_do(send_consult):
    response = send_consult(uploaded_file("locked.pdf", pdf_bytes(password="secret")))
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "“locked.pdf”: it is protected by a password" in errors
