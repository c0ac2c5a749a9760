"""Photos on public pages (stories, doctors): validated with Pillow, stripped of metadata,
resized for srcset, and the abstract model that keeps them."""

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

from .images import (
    TooManyPixels,
    UnacceptedFormat,
    Unreadable,
    decode_pixels,
    decoding_slot,
    open_untrusted_image,
)

MAX_PIXELS = 40_000_000
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
RENDITION_WIDTHS = (480, 800, 1200)
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


def open_image(fileobj):
    """The photo's pixels (see `decode_pixels`), or a ValidationError that tells the editor what is wrong.

    Call inside `decoding_slot()`.
    """
    fileobj.seek(0)
    try:
        return decode_pixels(open_untrusted_image(fileobj, ACCEPTED_FORMATS, MAX_PIXELS))
    except UnacceptedFormat:
        raise ValidationError(_("Upload a JPEG, PNG or WebP photo."), code="format") from None
    except TooManyPixels as refusal:
        if refusal.pixels is None:
            raise ValidationError(_("This file is too large to be a photo."), code="bomb") from None
        raise ValidationError(
            _("This photo is too large (%(pixels)s megapixels); the limit is 40.")
            % {"pixels": refusal.pixels // 1_000_000},
            code="pixels",
        ) from None
    except Unreadable:
        raise ValidationError(_("This file is not a photo that can be read."), code="invalid") from None
    finally:
        fileobj.seek(0)


def validate_photo(fieldfile):
    if getattr(fieldfile, "_committed", True):
        return
    if fieldfile.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("This photo is over 15 MB; please upload a smaller one."), code="size")
    with decoding_slot():
        open_image(fieldfile.file)


@dataclass
class ProcessedImage:
    original_name: str
    size: tuple
    renditions: list


def _encode(image, fmt):
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        image.save(buffer, "WEBP", quality=78, method=4)
    return buffer.getvalue()


def make_renditions(fieldfile, name):
    """Store a metadata-free copy and resized WebP and JPEG renditions of an upload.

    Re-encoding from pixels drops EXIF (GPS, camera, date) and any other metadata;
    the EXIF orientation is applied first so the photo still stands the right way up.
    """
    with decoding_slot():
        return _store_renditions(open_image(fieldfile.file).convert("RGB"), name)


def _store_renditions(image, name):
    stem = f"{name[:80]}-{uuid.uuid4().hex[:8]}"
    original_name = default_storage.save(f"{stem}.jpg", ContentFile(_encode(image, "jpeg")))
    widths = [w for w in RENDITION_WIDTHS if w < image.width] + [min(image.width, RENDITION_WIDTHS[-1])]
    renditions = []
    for width in sorted(set(widths)):
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for fmt, ext in (("webp", "webp"), ("jpeg", "jpg")):
            name = default_storage.save(f"{stem}-{width}.{ext}", ContentFile(_encode(resized, fmt)))
            renditions.append({"name": name, "width": width, "height": height, "format": fmt})
    return ProcessedImage(original_name, image.size, renditions)


def original_upload_path(instance, filename):
    return f"{instance._meta.app_label}/originals/{filename}"


class Photographed(models.Model):
    """A page with an optional photo, kept as metadata-free renditions for `srcset`.

    The photo's description (its alt text) is a translated field of the page itself.
    """

    image = models.ImageField(
        gettext_lazy("photo"), upload_to=original_upload_path, blank=True, validators=[validate_photo],
        help_text=gettext_lazy("Optional. JPEG, PNG or WebP, at most 40 megapixels. Location and camera "
                               "details are removed when it is saved."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_renditions = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.image and not getattr(self.image, "_committed", True):
            processed = make_renditions(self.image, f"{self._meta.app_label}/{self.slug}")
            self.image = processed.original_name
            self.image_width, self.image_height = processed.size
            self.image_renditions = processed.renditions
        elif not self.image:
            self.image_width = self.image_height = None
            self.image_renditions = []
        super().save(*args, **kwargs)

    def photo_errors(self):
        """For clean(): a photo needs its description (the translated `image_alt`)."""
        if self.image and not self.image_alt.strip():
            return {"image_alt": gettext_lazy("Describe the photo for people who cannot see it.")}
        return {}

    def _srcset(self, fmt):
        return ", ".join(
            f"{default_storage.url(r['name'])} {r['width']}w"
            for r in self.image_renditions if r["format"] == fmt
        )

    @property
    def webp_srcset(self):
        return self._srcset("webp")

    @property
    def jpeg_srcset(self):
        return self._srcset("jpeg")

    @property
    def fallback_image(self):
        """The largest JPEG rendition, with the size the page reserves for it."""
        jpegs = [r for r in self.image_renditions if r["format"] == "jpeg"]
        if not jpegs:
            return None
        return {**jpegs[-1], "url": default_storage.url(jpegs[-1]["name"])}
