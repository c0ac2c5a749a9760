import pytest
from django.contrib.auth.models import User

from gobroad_site import demo_content


@pytest.fixture
def demo(db):
    """The demo content that `make serve` loads."""
    demo_content.load()


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_user("editor", "editor@example.org", "a-long-password-1", is_staff=True,
                                    is_superuser=True)
    client.force_login(user)
    return client
