import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from demo import loader


@pytest.fixture
def demo(db):
    """The demo content that `make serve` loads."""
    loader.load()


@pytest.fixture
def staff_client(db):
    """A logged-in superuser's client, separate from the anonymous `client`."""
    user = User.objects.create_user("editor", "editor@example.org", "a-long-password-1", is_staff=True,
                                    is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def run_tasks(db):
    """Run the background tasks that are due, as `manage.py db_worker` would, then return."""

    def run():
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0,
                     stdout=io.StringIO())

    return run
