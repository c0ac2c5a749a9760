"""Fixtures every part of the suite uses; each folder's conftest.py adds its own."""

import io
import uuid
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core import fragments
from demo import loader
from tests.factories import make_condition, make_staff_user


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Each test starts in English: a request in another language leaves it active in the thread."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def no_fragments_in_memory():
    """Each test starts with no fragment a worker keeps in memory, as it starts with an empty page cache."""
    fragments.recent.clear()


@pytest.fixture
def demo(db):
    """The demo content that `make serve` loads."""
    loader.load()


@pytest.fixture
def myeloma(db):
    """The published condition most pages and forms are about: multiple myeloma."""
    return make_condition(name="Multiple myeloma", slug="multiple-myeloma")


@pytest.fixture
def staff_client(db):
    """A logged-in superuser's client, separate from the anonymous `client`."""
    client = Client()
    client.force_login(make_staff_user("editor", is_superuser=True))
    return client


@pytest.fixture
def run_tasks(db):
    """Run the background tasks that are due, as `manage.py db_worker` would, then return."""

    def run():
        # The worker drops stale connections as it wakes; inside a test's transaction on
        # PostgreSQL that would close the very connection the test is using.
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0,
                         stdout=io.StringIO())

    return run


@pytest.fixture
def count_queries(client):
    """The number of database queries the anonymous `client` makes to get a page (which must answer 200)."""

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    return count


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server, once for the session (each test gets a bucket of its own)."""
    from bench.cluster import S3Server

    with S3Server() as server:
        yield server


@pytest.fixture
def bucket(s3_server):
    """An empty bucket: `.name`, `.client` (boto3) and `.keys(prefix)`."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    client = s3_server.client()
    client.create_bucket(Bucket=name)

    class Bucket:
        def keys(self, prefix=""):
            listing = client.list_objects_v2(Bucket=name, Prefix=prefix)
            return sorted(item["Key"] for item in listing.get("Contents", []))

    found = Bucket()
    found.name, found.client, found.url = name, client, s3_server.url
    return found


@pytest.fixture
def bucket_storages(settings, bucket, monkeypatch):
    """STORAGES as the settings build them when S3_BUCKET is set, pointed at `bucket`."""
    from django.core.files.storage import storages

    from consult.models import ConsultAttachment

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    options = {"bucket_name": bucket.name, "endpoint_url": bucket.url, "region_name": "us-east-1"}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "core.s3.PublicMediaS3Storage", "OPTIONS": options},
        "private": {"BACKEND": "consult.s3.PrivateS3Storage", "OPTIONS": options},
    }
    # A file field takes its storage once, when the model is defined (in production the
    # settings are already final then); here the settings change later.
    monkeypatch.setattr(ConsultAttachment._meta.get_field("file"), "storage", storages["private"])


@pytest.fixture
def page_cache(settings, db):
    """The shared page cache, switched on (in memory) and empty; yields the cache. Cached pages go
    stale when a write to a table they read commits: a test that edits after caching asks for
    `transactional_db` too, so that its writes really commit."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages-test"},
    }
    from django.core.cache import caches

    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def stored_pages(cache):
    """The pages (not the fragments or the tables' versions) in the in-memory page cache."""
    return [key for key in cache._cache if ":pages:" in key and ":fragment:" not in key]
