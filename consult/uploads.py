"""Judging uploaded medical reports by their content, never by name or declared type.

Two steps, so that a stranger's post costs little until the rest of the form is right:
`inspect_upload` reads a file's size, its first bytes and, for a picture, only its
header (format and size in pixels); `prepare_upload`, run only once every other field
is valid, decodes pictures one at a time and re-encodes their pixels, and rewrites PDFs
without their active content.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http.multipartparser import MultiPartParser
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.images import ImageRefused, TooManyPixels, decode_pixels, decoding_slot, open_untrusted_image

from .pdf import NotAPdf, PasswordProtected, disarm_pdf

PDF_MAGIC = b"%PDF-"
# Pillow's name for each accepted format; MPO is the multi-picture JPEG some phones write.
IMAGE_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}
CONTENT_TYPES = {"PDF": "application/pdf", "JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass
class InspectedFile:
    """An upload that passed the cheap checks; `pixels` is 0 for a PDF."""

    original_name: str
    kind: str
    data: bytes
    pixels: int = 0


@dataclass
class CheckedFile:
    original_name: str
    content_type: str
    content: bytes


def inspect_upload(upload):
    """An InspectedFile, or a ValidationError naming the file; decodes nothing."""
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
        return InspectedFile(name, "PDF", data)
    try:
        image = open_untrusted_image(io.BytesIO(data), IMAGE_FORMATS, settings.CONSULT_MAX_IMAGE_PIXELS)
    except TooManyPixels:
        raise _refused(name, _too_many_pixels()) from None
    except ImageRefused:
        raise _not_accepted(name) from None
    return InspectedFile(name, IMAGE_FORMATS[image.format], data, image.width * image.height)


def check_pixel_budget(inspected):
    """A ValidationError when the pictures of one request need too much decoding together."""
    total = sum(item.pixels for item in inspected)
    if total > settings.CONSULT_MAX_REQUEST_PIXELS:
        raise ValidationError(
            _("Together, these pictures are too large for us to open at once (more than %(megapixels)s "
              "megapixels). Please send fewer or smaller photos, or put your reports in one PDF.") % {
                "megapixels": settings.CONSULT_MAX_REQUEST_PIXELS // 1_000_000},
            code="too_many_pixels",
        )


def prepare_upload(inspected):
    """A CheckedFile whose content is safe to store, or a ValidationError naming the file."""
    name = inspected.original_name
    if inspected.kind == "PDF":
        try:
            return CheckedFile(name, CONTENT_TYPES["PDF"], disarm_pdf(inspected.data))
        except PasswordProtected:
            raise _refused(name, _("it is protected by a password. Please send it without the password, "
                                   "or send photos of its pages.")) from None
        except NotAPdf:
            raise _not_accepted(name) from None
    try:
        with decoding_slot():
            content = _reencode(inspected.kind, inspected.data)
    except TooManyPixels:
        raise _refused(name, _too_many_pixels()) from None
    except (ImageRefused, OSError, ValueError):
        raise _not_accepted(name) from None
    return CheckedFile(name, CONTENT_TYPES[inspected.kind], content)


def _reencode(kind, data):
    image = decode_pixels(open_untrusted_image(io.BytesIO(data), IMAGE_FORMATS, settings.CONSULT_MAX_IMAGE_PIXELS))
    out = io.BytesIO()
    if kind == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=90)
    else:
        if image.mode not in ("1", "L", "LA", "RGB", "RGBA", "I;16"):
            image = image.convert("RGBA")
        # Level 3 writes scans about as small as the default in half the time.
        image.save(out, "PNG", compress_level=3)
    return out.getvalue()


def _refused(name, reason):
    return ValidationError(_("“%(name)s”: %(reason)s") % {"name": name, "reason": reason}, code="file_refused")


def _not_accepted(name):
    return ValidationError(
        _("“%(name)s” is not a PDF, JPEG or PNG file, or it is damaged. Please attach reports "
          "as PDF and photos or scans as JPEG or PNG.") % {"name": name},
        code="file_type",
    )


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
    """Stops storing any file beyond the count, size or name-length limit while it streams in.

    The parser then reads and discards the rest of that file, so a 60 MB upload never
    reaches memory or disk; the form reports what was refused from these lists.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.files_seen = 0
        self.too_many = False
        self.too_big = []
        self.long_names = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files_seen += 1

    def receive_data_chunk(self, raw_data, start):
        # SkipFile is raised only from here, never from new_file: by now every handler
        # has opened its file for this upload, so Django closes the right one.
        if self.files_seen > settings.CONSULT_MAX_FILES:
            self.too_many = True
            raise SkipFile
        if len((self.file_name or "").encode()) > settings.CONSULT_MAX_FILE_NAME_BYTES:
            self.long_names.append(display_name(self.file_name))
            raise SkipFile
        if start + len(raw_data) > settings.CONSULT_MAX_FILE_BYTES:
            self.too_big.append(display_name(self.file_name))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


class FieldsKeepingParser(MultiPartParser):
    """Django's parser, which also hands over the fields it had read when it refused the body.

    When a post has too many files or a part it cannot read (a file name too long for
    its header limit), Django gives up on the whole body; the form can still show the
    sender what they typed before that point. The error carries it as `fields_read`.
    """

    def parse(self):
        try:
            return super().parse()
        except Exception as error:
            error.fields_read = getattr(self, "_post", None)
            raise


def keep_fields_read_before_a_refusal(request):
    """Make `request` parse its body with FieldsKeepingParser."""

    def parse_file_upload(meta, post_data):
        return FieldsKeepingParser(meta, post_data, request.upload_handlers, request.encoding).parse()

    request.parse_file_upload = parse_file_upload
