"""Opening images that strangers upload: the one place that knows how to do it safely."""

import warnings

from PIL import Image


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


def open_untrusted_image(fileobj, formats, max_pixels):
    """Open and fully decode an image of one of `formats` with at most `max_pixels`.

    Pillow's DecompressionBombWarning is treated as the error it warns of, and the
    format and size are checked before the pixels are decoded.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(fileobj)
            if image.format not in formats:
                raise UnacceptedFormat(image.format)
            if image.width * image.height > max_pixels:
                raise TooManyPixels(image.width * image.height)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooManyPixels() from None
        except (OSError, SyntaxError, ValueError):
            raise Unreadable() from None
    return image
