"""What editors write is Markdown, sanitised before it reaches a page."""

import re

import pytest
from django.template import Context, Template

from core.richtext import keep_terms_whole, render_markdown
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


NOWRAP = '<span class="nowrap">{}</span>'


@pytest.mark.parametrize(("text", "kept"), [
    ("CAR-T cell therapy", ["CAR-T"]),
    ("after BCMA-CAR-T and GPRC5D CAR-T", ["BCMA-CAR-T", "CAR-T"]),
    ("IgA-κ, R-ISS stage III; PD-1 and COVID-19", ["R-ISS", "PD-1", "COVID-19"]),
    ("接受CAR-T细胞治疗", ["CAR-T"]),
    ("CAR-T-клеточная терапия после ПЭТ-КТ", ["CAR-T", "ПЭТ-КТ"]),
    ("an x-ray on 2024-01-15, non-T cells, Anti-CD19, long-term", []),
])
def test_hyphenated_terms_are_kept_on_one_line_and_nothing_else(text, kept):
    html = keep_terms_whole(text)
    assert re.findall(r'<span class="nowrap">(.*?)</span>', html) == kept
    assert re.sub(r"</?span[^>]*>", "", html) == text


def test_terms_in_rendered_markdown_are_kept_whole_but_not_inside_attributes():
    html = render_markdown('[CAR-T](https://example.org/CAR-T "About CAR-T") and <abbr title="R-ISS">R-ISS</abbr>')
    assert html == (f'<p><a href="https://example.org/CAR-T" title="About CAR-T" rel="noopener noreferrer">'
                    f'{NOWRAP.format("CAR-T")}</a> and <abbr title="R-ISS">{NOWRAP.format("R-ISS")}</abbr></p>')


def test_the_plain_text_filter_escapes_before_keeping_terms_whole():
    rendered = Template("{% load site_tags %}{{ name|nowrap_terms }}").render(
        Context({"name": '<b onclick="x">CAR-T</b> & "R-ISS"'}))
    assert rendered == (f'&lt;b onclick=&quot;x&quot;&gt;{NOWRAP.format("CAR-T")}&lt;/b&gt; &amp; '
                        f'&quot;{NOWRAP.format("R-ISS")}&quot;')


def test_titles_and_texts_from_the_database_keep_car_t_whole(client):
    condition = make_condition(name="Myeloma after CAR-T", overview="Some have **BCMA-CAR-T**.")
    html = client.get(condition.get_absolute_url()).content.decode()
    assert f"<h1>Myeloma after {NOWRAP.format('CAR-T')}</h1>" in html
    assert f"<strong>{NOWRAP.format('BCMA-CAR-T')}</strong>" in html
    assert "<title>Myeloma after CAR-T |" in html  # the window title and metadata stay plain text
