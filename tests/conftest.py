"""Fixtures every part of the suite uses; each folder's conftest.py adds its own."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from demo import loader
from tests.factories import make_condition, make_staff_user


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Each test starts in English: a request in another language leaves it active in the thread."""
    with translation.override("en"):
        yield


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
