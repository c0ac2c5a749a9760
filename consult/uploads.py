"""Judging uploaded medical reports by their content, never by name or declared type."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import ImageOps

from gobroad_site.images import TooManyPixels, open_untrusted_image

PDF_MAGIC = b"%PDF-"
# Pillow's name for each accepted format; MPO is the multi-picture JPEG some phones write.
IMAGE_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}
CONTENT_TYPES = {"PDF": "application/pdf", "JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass
class CheckedFile:
    original_name: str
    content_type: str
    content: bytes


class UploadRefused(Exception):
    pass


def check_upload(upload):
    """Return a CheckedFile (images re-encoded) or raise ValidationError naming the file."""
    name = display_name(upload.name)
    if upload.size > settings.CONSULT_MAX_FILE_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; each file can be at most %(limit)s.") % {
                "name": name, "size": filesizeformat(upload.size),
                "limit": size_limit_text()},
            code="file_too_big",
        )
    upload.seek(0)
    data = upload.read(settings.CONSULT_MAX_FILE_BYTES + 1)
    if not data:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="file_empty")
    if data.startswith(PDF_MAGIC):
        return CheckedFile(name, CONTENT_TYPES["PDF"], data)
    try:
        kind, content = reencode_image(data)
    except UploadRefused as refusal:
        raise ValidationError(_("“%(name)s”: %(reason)s") % {"name": name, "reason": refusal},
                              code="file_refused") from None
    except Exception:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file, or it is damaged. Please attach reports "
              "as PDF and photos or scans as JPEG or PNG.") % {"name": name},
            code="file_type",
        ) from None
    return CheckedFile(name, CONTENT_TYPES[kind], content)


def reencode_image(data):
    """Decode a JPEG or PNG under the pixel limit and encode it afresh.

    Re-encoding drops whatever else the file carried (scripts appended to a valid image,
    EXIF location data), so what coordinators open is only the picture.
    """
    try:
        image = open_untrusted_image(io.BytesIO(data), IMAGE_FORMATS, settings.CONSULT_MAX_IMAGE_PIXELS)
    except TooManyPixels:
        raise UploadRefused(_too_many_pixels()) from None
    kind = IMAGE_FORMATS[image.format]
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if kind == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=90)
    else:
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"):
            image = image.convert("RGBA")
        image.save(out, "PNG")
    return kind, out.getvalue()


def _too_many_pixels():
    return _("this picture is too large to open safely (more than %(megapixels)s megapixels). "
             "Please send a smaller photo or scan.") % {
        "megapixels": settings.CONSULT_MAX_IMAGE_PIXELS // 1_000_000}


def size_limit_text():
    """The per-file limit as people say it: "10 MB", not filesizeformat's "10.0 MB"."""
    return _("%(megabytes)d MB") % {"megabytes": settings.CONSULT_MAX_FILE_BYTES // 2**20}


def display_name(name):
    """The file's own name as the sender knows it, shortened for messages and the admin."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or _("unnamed file")
    return name if len(name) <= 120 else name[:80] + "…" + name[-30:]


class ConsultUploadHandler(FileUploadHandler):
    """Stops storing any file beyond the count or size limit while it streams in.

    The parser then reads and discards the rest of that file, so a 60 MB upload never
    reaches memory or disk; the form reports what was refused from `refused`.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.files_seen = 0
        self.too_many = False
        self.too_big = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files_seen += 1

    def receive_data_chunk(self, raw_data, start):
        # SkipFile is raised only from here, never from new_file: by now every handler
        # has opened its file for this upload, so Django closes the right one.
        if self.files_seen > settings.CONSULT_MAX_FILES:
            self.too_many = True
            raise SkipFile
        if start + len(raw_data) > settings.CONSULT_MAX_FILE_BYTES:
            self.too_big.append(display_name(self.file_name))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
