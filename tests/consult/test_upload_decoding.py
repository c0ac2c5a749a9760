"""Pictures are decoded last, one at a time, under limits, and a worker gives back the memory it took.

Nothing is decoded while another answer on the form is wrong, a picture too large is
refused from its header, every post with files counts toward an hourly limit, and a
gunicorn worker returns to its memory baseline after hostile uploads.
"""

import urllib.error
from pathlib import Path

import pytest
from django.test import override_settings
from PIL import ImageFile

from bench.site_server import GUNICORN, rss_mb
from consult.models import ConsultAttachment, ConsultRequest, LimitedEvent
from tests.factories import PDF, consult_form_data, image_bytes, pdf_bytes, uploaded_file

from .live_site import consult_form_post, load_test_server, open_consult_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("myeloma")]
URL = "/en/consult/"


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


def png(size, mode="RGB"):
    return uploaded_file("scan.png", image_bytes("PNG", size=size, mode=mode), "image/png")


# --- decoding comes last, one picture at a time, under limits ---

def test_nothing_is_decoded_while_another_answer_is_wrong(send_consult, decodes):
    response = send_consult(png((2000, 1500)), uploaded_file(), consent=None)
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert decodes == []


def test_pictures_are_decoded_once_the_form_is_right(send_consult, decodes):
    assert send_consult(png((2000, 1500)), png((800, 600))).status_code == 302
    assert set(decodes) == {(800, 600), (2000, 1500)}
    assert ConsultAttachment.objects.count() == 2


def test_a_picture_over_40_megapixels_is_refused_from_its_header(send_consult, decodes):
    response = send_consult(png((6500, 6500), mode="1"))
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "too large to open safely (more than 40 megapixels)" in errors
    assert decodes == []


def test_pictures_of_one_request_share_a_budget(send_consult, decodes):
    response = send_consult(*[png((6000, 6000), mode="1") for _ in range(3)])
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "too large for us to open at once (more than 100 megapixels)" in errors
    assert decodes == []
    assert not ConsultRequest.objects.exists()


@override_settings(CONSULT_UPLOAD_ATTEMPTS_PER_HOUR=3)
def test_every_post_with_files_counts_toward_the_limit_saved_or_not(send_consult, client, decodes):
    statuses = [send_consult(png((20, 20)), consent=None).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refused = send_consult(png((20, 20)))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    html = refused.content.decode()
    assert "Everything you typed is kept below" in html and 'value="Анна Петровна Иванова"' in html
    assert decodes == [] and not ConsultRequest.objects.exists()
    # A post without files costs no decoding and still goes through.
    assert client.post(URL, consult_form_data()).status_code == 302
    assert LimitedEvent.objects.filter(kind="upload").count() == 3


# --- memory: a worker gives back what a hostile upload took ---

def _post_raw(base, fields, files):
    """The status of one post of the form, without following its redirect."""
    opener, token = open_consult_form(base, follow_redirects=False)
    try:
        with opener.open(consult_form_post(base, token, fields, files), timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.own_server
@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this environment")
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads worker memory from /proc")
def test_worker_memory_returns_to_its_baseline_after_hostile_uploads(tmp_path):
    with load_test_server(tmp_path, rate_limit=1000, workers=1, GUNICORN_THREADS="2") as server:
        base = server.base_url
        fields = consult_form_data(condition="other")
        # Warm up every code path once (Pillow's plugins, qpdf), then measure.
        assert _post_raw(base, fields, [("attachments", "warm.png", image_bytes("PNG"), "image/png"),
                                        ("attachments", "warm.pdf", PDF, "application/pdf")]) == 302
        [worker] = server.worker_pids()
        before = rss_mb(worker)
        big = image_bytes("PNG", size=(6000, 6000))  # 36 megapixels, under the limit: decoded
        bomb = image_bytes("PNG", size=(7000, 7000), mode="1")  # 49 megapixels: refused from its header
        hostile_pdf = pdf_bytes("javascript", "zip")
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
