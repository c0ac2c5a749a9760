"""Where consultation attachments are kept: health data with no public address.

PrivateStorage keeps them in a folder; consult/s3.py in a bucket. Neither ever gives a file
a URL: a coordinator downloads it through `consult.views.attachment_download`, after a
permission check.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage

NO_URL = "Consultation attachments have no public URL; use the download view."


class PrivateStorage(FileSystemStorage):
    """A folder outside MEDIA_ROOT and STATIC_ROOT, readable only by the site's own user."""

    def __init__(self):
        super().__init__(base_url=None, file_permissions_mode=0o600, directory_permissions_mode=0o700)

    # Read on every use (FileSystemStorage caches it), so the folder follows the setting.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(NO_URL)
