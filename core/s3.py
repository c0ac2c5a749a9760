"""Public uploads in an S3-compatible bucket (STORAGES["default"] when S3_BUCKET is set)."""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PublicMediaS3Storage(S3Storage):
    """Story and doctor photos in the bucket's `public/` folder, addressed under MEDIA_URL."""

    def __init__(self, **options):
        super().__init__(**{"location": "public", "file_overwrite": False, "querystring_auth": False,
                            **options})

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)
