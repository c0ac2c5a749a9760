"""Consultation attachments in an S3-compatible bucket (STORAGES["private"] when S3_BUCKET is set)."""

from storages.backends.s3 import S3Storage

from .storage import NO_URL


class PrivateS3Storage(S3Storage):
    """The bucket's `private/` folder: objects without a public ACL, never overwritten, never linked."""

    def __init__(self, **options):
        super().__init__(**{"location": "private", "default_acl": None, "file_overwrite": False, **options})

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError(NO_URL)
