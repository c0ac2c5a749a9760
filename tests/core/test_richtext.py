"""What editors write is Markdown, sanitised before it reaches a page."""

import pytest

from tests.factories import make_condition

pytestmark = pytest.mark.django_db


def test_editor_script_never_reaches_the_page(client):
    condition = make_condition(
        overview='Hello <script>alert("x")</script> **bold** [link](javascript:alert(1)) <img src=x onerror=alert(1)>',
    )
    html = client.get(condition.get_absolute_url()).content.decode()
    main = html.split('<main id="main"', 1)[1]
    assert "<script>alert" not in main
    assert "javascript:" not in main
    assert "onerror" not in main
    assert "<strong>bold</strong>" in main
