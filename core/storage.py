"""Where uploaded files live: local folders for one host, an S3-compatible bucket for several.

Settings choose (STORAGES in gobroad_site/settings/base.py; the bucket's classes are in
core/s3.py and consult/s3.py, imported only when chosen: boto3 costs each process about
25 MB). Whatever the backend, a public upload's address is under MEDIA_URL on the site
itself, served by `public_media`, so pages never point at a bucket and the
Content-Security-Policy stays `'self'`.
"""

import mimetypes
import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

# Public uploads are written once under a fresh name (an edited photo gets a new one).
PUBLIC_MEDIA_MAX_AGE = 60 * 60 * 24 * 30


@require_safe
def public_media(request, path):
    """A public upload from the default storage, cacheable by browsers and nginx."""
    normalised = posixpath.normpath(path)
    if normalised.startswith(("..", "/")) or normalised != path:
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation):
        raise Http404 from None
    content_type, _encoding = mimetypes.guess_type(path)
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    patch_cache_control(response, public=True, max_age=PUBLIC_MEDIA_MAX_AGE)
    return response
