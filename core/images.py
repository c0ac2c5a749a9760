"""Opening images that strangers upload: the one place that knows how to do it safely.

Opening reads only the header (format and size), so a picture can be refused before any
pixel is decoded. Decoding happens one picture at a time per process, and the memory it
took is handed back to the system afterwards: a 40-megapixel picture needs about 160 MB
while it is decoded, and glibc would otherwise keep that in the worker for good.
"""

import contextlib
import ctypes
import ctypes.util
import io
import threading
import warnings

from PIL import Image, ImageCms, ImageOps


class ImageRefused(Exception):
    pass


class TooManyPixels(ImageRefused):
    """Over the caller's pixel limit (`pixels` given) or a decompression bomb (`pixels` None)."""

    def __init__(self, pixels=None):
        super().__init__(pixels)
        self.pixels = pixels


class UnacceptedFormat(ImageRefused):
    pass


class Unreadable(ImageRefused):
    pass


@contextlib.contextmanager
def _bombs_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooManyPixels() from None
        except (OSError, SyntaxError, ValueError):
            raise Unreadable() from None


def open_untrusted_image(fileobj, formats, max_pixels):
    """Read the header of an image of one of `formats` with at most `max_pixels`; decode nothing.

    Pillow's DecompressionBombWarning is treated as the error it warns of.
    """
    with _bombs_are_errors():
        image = Image.open(fileobj)
        if image.format not in formats:
            raise UnacceptedFormat(image.format)
        if image.width * image.height > max_pixels:
            raise TooManyPixels(image.width * image.height)
    return image


_decoding = threading.Lock()
_libc = ctypes.CDLL(ctypes.util.find_library("c")) if ctypes.util.find_library("c") else None


def _release_freed_memory():
    # glibc keeps freed blocks of this size in the process; malloc_trim returns them.
    if _libc is not None and hasattr(_libc, "malloc_trim"):
        _libc.malloc_trim(0)


@contextlib.contextmanager
def decoding_slot():
    """Hold while pixels are in memory: one picture per process at a time, memory returned after."""
    with _decoding:
        try:
            yield
        finally:
            _release_freed_memory()


def decode_pixels(image):
    """The picture's pixels only, upright and in sRGB: no EXIF, comments, text chunks or profile.

    Call inside `decoding_slot()`. Re-encoding the result keeps nothing the file carried
    besides the picture (scripts in comments, location data, a doctored colour profile).
    """
    with _bombs_are_errors():
        image.load()
        image = ImageOps.exif_transpose(image)
    if "transparency" in image.info and image.mode in ("P", "L", "RGB"):
        image = image.convert("RGBA")
    elif image.mode == "P":
        image = image.convert("RGB")
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        image = _to_srgb(image, profile)
    image.info = {}
    return image


def _to_srgb(image, profile):
    try:
        return ImageCms.profileToProfile(
            image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A profile that cannot be read is dropped; the pixels are shown as sRGB.
        return image
