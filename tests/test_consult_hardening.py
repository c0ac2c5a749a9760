"""What a stranger could use to take the site down or to reach coordinators through it.

Decoding only after the cheap checks, a limit on posts with files, worker memory after
hostile uploads, email outside the request, an acknowledgement that repeats nothing
typed, stored files stripped of what could act, and security events logged quietly.
"""

import http.cookiejar
import io
import re
import socket
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

import pikepdf
import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pikepdf import Array, Dictionary, Name, String
from PIL import Image, ImageCms, ImageFile
from PIL.PngImagePlugin import PngInfo

from bench.site_server import GUNICORN, rss_mb
from consult.models import ConsultAttachment, ConsultRequest, UploadAttempt

from .test_consult_load import load_test_server, multipart
from .test_consult_support import PDF, condition, form_data, image_bytes, upload

pytestmark = pytest.mark.django_db
URL = "/consult/"


@pytest.fixture(autouse=True)
def myeloma(db):
    return condition()


@pytest.fixture
def decodes(monkeypatch):
    """The size of every picture whose pixels Pillow is asked to load (once or more each)."""
    calls = []
    original = ImageFile.ImageFile.load

    def counting_load(image):
        calls.append(image.size)
        return original(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    return calls


def send(client, *files, **overrides):
    return client.post(URL, {**form_data(**overrides), "attachments": list(files)})


def png(size, mode="RGB"):
    return upload("scan.png", image_bytes("PNG", size=size, mode=mode), "image/png")


# --- decoding comes last, one picture at a time, under limits ---

def test_nothing_is_decoded_while_another_answer_is_wrong(client, decodes):
    response = send(client, png((2000, 1500)), upload(), consent=None)
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert decodes == []


def test_pictures_are_decoded_once_the_form_is_right(client, decodes):
    assert send(client, png((2000, 1500)), png((800, 600))).status_code == 302
    assert set(decodes) == {(800, 600), (2000, 1500)}
    assert ConsultAttachment.objects.count() == 2


def test_a_picture_over_40_megapixels_is_refused_from_its_header(client, decodes):
    response = send(client, png((6500, 6500), mode="1"))
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "too large to open safely (more than 40 megapixels)" in errors
    assert decodes == []


def test_pictures_of_one_request_share_a_budget(client, decodes):
    response = send(client, *[png((6000, 6000), mode="1") for _ in range(3)])
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "too large for us to open at once (more than 100 megapixels)" in errors
    assert decodes == []
    assert not ConsultRequest.objects.exists()


@override_settings(CONSULT_UPLOAD_ATTEMPTS_PER_HOUR=3)
def test_every_post_with_files_counts_toward_the_limit_saved_or_not(client, decodes):
    statuses = [send(client, png((20, 20)), consent=None).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refused = send(client, png((20, 20)))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert "Everything you typed is kept below" in html and 'value="Анна Петровна Иванова"' in html
    assert decodes == [] and not ConsultRequest.objects.exists()
    # A post without files costs no decoding and still goes through.
    assert client.post(URL, form_data()).status_code == 302
    assert UploadAttempt.objects.count() == 3


# --- memory: a worker gives back what a hostile upload took ---

def _post_raw(base, fields, files):
    """The status of one post of the form, without following its redirect."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                         NoRedirect)
    with opener.open(base + URL, timeout=30) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    body, content_type = multipart({**fields, "csrfmiddlewaretoken": token}, files)
    request = urllib.request.Request(base + URL, data=body, headers={"Content-Type": content_type})  # noqa: S310
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _hostile_pdf():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue() + b"PK\x03\x04appended"


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this environment")
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads worker memory from /proc")
def test_worker_memory_returns_to_its_baseline_after_hostile_uploads(tmp_path):
    with load_test_server(tmp_path, rate_limit=1000, workers=1, GUNICORN_THREADS="2") as server:
        base = server.base_url
        fields = form_data(condition="other")
        # Warm up every code path once (Pillow's plugins, qpdf), then measure.
        assert _post_raw(base, fields, [("attachments", "warm.png", image_bytes("PNG"), "image/png"),
                                        ("attachments", "warm.pdf", PDF, "application/pdf")]) == 302
        [worker] = server.worker_pids()
        before = rss_mb(worker)
        big = image_bytes("PNG", size=(6000, 6000))  # 36 megapixels, under the limit: decoded
        bomb = image_bytes("PNG", size=(7000, 7000), mode="1")  # 49 megapixels: refused from its header
        hostile_pdf = _hostile_pdf()
        statuses = []
        for number in range(20):
            if number % 4 == 0:
                files = [("attachments", "big.png", big, "image/png")]
            elif number % 4 == 1:
                files = [("attachments", "bomb.png", bomb, "image/png")] * 5
            elif number % 4 == 2:
                files = [("attachments", "report.pdf", hostile_pdf, "application/pdf")]
            else:
                files = [("attachments", "big.png", big, "image/png")]
                fields = {**fields, "consent": ""}
            statuses.append(_post_raw(base, fields, files))
        after = rss_mb(worker)
    print(f"\nworker RSS: {before:.1f} MB before, {after:.1f} MB after 20 hostile posts")
    assert 500 not in statuses
    assert after - before < 20, (before, after)


# --- emails leave the request ---

class HangingSMTPServer:
    """Accepts connections and never says a word, like a mail server that has hung."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.sock.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.sock.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def hanging_smtp():
    server = HangingSMTPServer()
    yield server
    server.close()


def test_a_hanging_email_server_never_slows_a_submission(client, hanging_smtp, run_tasks):
    smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": hanging_smtp.port}
    with override_settings(**smtp, EMAIL_TIMEOUT=5):
        started = time.monotonic()
        response = send(client, upload())
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


def test_the_acknowledgement_repeats_nothing_the_sender_typed(client, run_tasks):
    phishing = "Your account is locked. Log in at http://evil.example/login"
    send(client, full_name=phishing, message=f"{phishing} to keep your records.")
    run_tasks()
    reference = ConsultRequest.objects.get().reference
    acknowledgement = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    text = acknowledgement.subject + acknowledgement.body
    assert reference in acknowledgement.subject and reference in acknowledgement.body
    for typed in ("locked", "evil.example", "Log in", "keep your records"):
        assert typed not in text
    assert acknowledgement.body.startswith("Hello,\n")


# --- stored files keep only what is safe ---

def _srgb_profile_with_text():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + b"<script>alert(1)</script> GPS"


def _gps_exif():
    exif = Image.Exif()
    exif[0x010E] = "GPS 55.7558N 37.6173E"
    exif[0x8825] = {1: "N", 2: (55.0, 45.0, 21.0)}
    return exif.tobytes()


def _stored():
    attachment = ConsultAttachment.objects.get()
    return Path(attachment.file.path).read_bytes()


def test_a_stored_jpeg_keeps_only_its_pixels(client):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "JPEG", comment=b"<script>alert(3)</script>",
                                            icc_profile=_srgb_profile_with_text(), exif=_gps_exif())
    assert send(client, upload("scan.jpg", buffer.getvalue(), "image/jpeg")).status_code == 302
    stored = _stored()
    assert b"<script>" not in stored and b"55.7558" not in stored and b"ICC_PROFILE" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.size == (64, 48)
    assert not {"comment", "exif", "icc_profile", "xmp"} & set(image.info)


def test_a_stored_png_keeps_only_its_pixels(client):
    info = PngInfo()
    info.add_text("Comment", "<script>alert(2)</script>")
    info.add_text("GPS", "55.7558N 37.6173E", zip=True)
    info.add_itxt("Description", "<script>x</script>")
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), "teal").save(buffer, "PNG", pnginfo=info, icc_profile=_srgb_profile_with_text(),
                                             exif=_gps_exif())
    assert send(client, upload("scan.png", buffer.getvalue(), "image/png")).status_code == 302
    stored = _stored()
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"iCCP", b"eXIf", b"<script>", b"55.7558"):
        assert chunk not in stored, chunk
    image = Image.open(io.BytesIO(stored))
    assert image.size == (40, 30) and image.mode == "RGBA"


def _pdf_with(*attacks):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0].obj
    if "javascript" in attacks:
        pdf.Root.OpenAction = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert('js')")))
        pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([
            String("doc"), pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert('named')")))])))
    if "launch" in attacks:
        page.AA = Dictionary(O=Dictionary(S=Name.Launch, F=String("calc.exe")))
        page.Annots = Array([
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 10, 10],
                                         A=Dictionary(S=Name.Launch, F=String("cmd.exe")))),
            pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 20, 10, 30],
                                         A=Dictionary(S=Name.URI, URI=String("https://www.example.org/")))),
        ])
    if "embedded" in attacks:
        pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ payload", filename="payload.exe")
    out = io.BytesIO()
    pdf.save(out)
    data = out.getvalue()
    if "zip" in attacks:
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("evil.txt", "APPENDED-ZIP")
        data += archive.getvalue()
    return data


@pytest.mark.parametrize("attack", ["javascript", "launch", "embedded", "zip"])
def test_a_stored_pdf_is_disarmed(client, attack):
    original = _pdf_with(attack)
    assert send(client, upload("report.pdf", original)).status_code == 302
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
def test_a_file_that_only_starts_like_a_pdf_is_refused(client, content):
    response = send(client, upload("report.pdf", content))
    assert response.status_code == 200
    assert "“report.pdf” is not a PDF, JPEG or PNG file" in " ".join(response.context["form"].errors["attachments"])
    assert not ConsultAttachment.objects.exists()


def test_a_password_protected_pdf_is_refused_with_what_to_do(client):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    response = send(client, upload("locked.pdf", out.getvalue()))
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "“locked.pdf”: it is protected by a password" in errors


# --- the page cache stores only the addresses a view declares ---

@pytest.fixture
def page_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "hardening"},
    }
    from django.core.cache import caches

    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def test_random_query_parameters_never_make_cache_entries(page_cache):
    from django.test import Client

    anonymous = Client()
    for number in range(50):
        response = anonymous.get(f"/conditions/?utm_source={number}&x{number}=1")
        assert response.status_code == 302 and response["Location"] == "/conditions/"
    assert len(page_cache._cache) == 0
    assert anonymous.get("/conditions/").status_code == 200
    assert len(page_cache._cache) == 1


def test_a_view_keeps_the_parameters_it_declares(page_cache):
    from django.test import Client

    anonymous = Client()
    response = anonymous.get("/stories/?page=2&country=Russia&fbclid=abc")
    assert response.status_code == 302
    assert response["Location"] == "/stories/?page=2&country=Russia"
    assert anonymous.get("/stories/?page=2&country=Russia").status_code == 200
    assert anonymous.get("/stories/?page=2&country=Russia")["X-Page-Cache"] == "hit"


def test_the_cache_key_follows_the_settings_that_shape_pages(page_cache):
    from django.test import Client

    assert Client().get("/robots.txt")["X-Page-Cache"] == "miss"
    assert Client().get("/robots.txt")["X-Page-Cache"] == "hit"
    with override_settings(SITE_URL="https://www.gobroad.example"):
        moved = Client().get("/robots.txt")
    assert moved["X-Page-Cache"] == "miss"
    assert "Sitemap: https://www.gobroad.example/sitemap.xml" in moved.content.decode()


# --- small ones ---

@pytest.fixture
def security_log():
    import logging

    handler = logging.getLogger("django.security").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.parametrize("make_request", [
    lambda client: client.get("/", HTTP_HOST="evil.example"),
    lambda client: client.post(reverse("admin:login"), {f"field{n}": "x" for n in range(1100)}),
    lambda client: client.post(reverse("admin:login"), "a=" + "x" * (3 * 2**20),
                               content_type="application/x-www-form-urlencoded"),
], ids=["disallowed host", "too many fields", "body too big"])
def test_security_events_are_one_warning_line_without_a_traceback(client, security_log, make_request):
    response = make_request(client)
    assert response.status_code == 400
    lines = security_log.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert re.search(r" WARNING django\.security\.\w+ ", lines[0])
    assert "Traceback" not in security_log.getvalue()


@pytest.mark.parametrize("path", ["/healthz", "/conditions/"])
def test_head_answers_like_get_without_a_body(path):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    def call(method):
        started = {}
        environ = getattr(RequestFactory(), method)(path).environ
        body = b"".join(WSGIHandler()(environ, lambda status, headers: started.update(status=status,
                                                                                      headers=dict(headers))))
        return started["status"], started["headers"], body

    get_status, get_headers, get_body = call("get")
    head_status, head_headers, head_body = call("head")
    assert head_status == get_status == "200 OK"
    assert head_headers["Content-Type"] == get_headers["Content-Type"]
    assert head_headers["Content-Length"] == str(len(get_body)) and get_body
    assert head_body == b""  # gunicorn warns about, and drops, a body sent with HEAD
