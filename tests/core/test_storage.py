"""Public photos under /media/, from a folder or a bucket, with long cache headers; nothing
outside the uploads can be reached through that address."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from tests.factories import image_bytes

pytestmark = pytest.mark.django_db

JPEG = image_bytes("JPEG", size=(8, 6))


def test_a_photo_in_the_media_folder_is_served_with_long_cache_headers():
    name = default_storage.save("stories/photo.jpg", ContentFile(JPEG))
    response = Client().get(default_storage.url(name))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == JPEG
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"] and "max-age=2592000" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/media/stories/missing.jpg", "/media/../manage.py", "/media/%2e%2e/manage.py",
                                  "/media/stories/../../manage.py", "/media//etc/passwd", "/media/stories/"])
def test_missing_files_and_paths_outside_the_uploads_are_a_404(path):
    assert Client().get(path).status_code == 404


def test_a_photo_in_the_bucket_is_addressed_on_the_site_and_served_from_the_bucket(bucket_storages, bucket):
    name = default_storage.save("doctors/portrait.jpg", ContentFile(JPEG))
    url = default_storage.url(name)
    assert url == f"/media/{name}"  # never the bucket's own address: the CSP allows only 'self'
    assert bucket.keys("public/") == [f"public/{name}"]
    response = Client().get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == JPEG
    assert "max-age=2592000" in response["Cache-Control"]
    assert Client().get("/media/doctors/none.jpg").status_code == 404


def test_only_get_and_head_reach_a_photo():
    name = default_storage.save("stories/photo.jpg", ContentFile(JPEG))
    assert Client().post(default_storage.url(name)).status_code == 405
