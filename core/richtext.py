"""Editors write Markdown; the site renders it and removes anything unsafe."""

import functools
import html
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}

# Short capital-letter terms joined by hyphens: CAR-T, BCMA-CAR-T, R-ISS, PD-1, ПЭТ-КТ. Chinese
# runs straight into them ("CAR-T细胞"), so their edges are "no Latin or Cyrillic letter or digit"
# rather than \b; a trailing hyphen may follow ("CAR-T-клетки" may break after "CAR-T-").
HYPHENATED_TERM = re.compile(
    r"(?<![A-Za-z0-9А-Яа-яЁё])(?=[0-9-]*[A-ZА-ЯЁ])[A-ZА-ЯЁ0-9]{1,6}(?:-[A-ZА-ЯЁ0-9]{1,6})+(?![A-Za-z0-9А-Яа-яЁё])"
)
# A tag of serialised HTML, quoted attribute values included, so that only text is changed.
HTML_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")


@functools.lru_cache(maxsize=2048)
def render_markdown(text):
    """Sanitised HTML for editor-written Markdown.

    Memoised: the same text always gives the same HTML, and rendering is about half
    the cost of an uncached story page.
    """
    html = markdown.markdown(text or "", extensions=["sane_lists"])
    return keep_terms_whole(nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ))


def keep_terms_whole(html_text):
    """Escaped HTML with each hyphenated term such as CAR-T in `<span class="nowrap">`, so that no
    line ends in "CAR-". The characters stay as written (no U+2011 non-breaking hyphen), so the
    term is still found by search, copied and read aloud as the editor typed it."""
    parts = HTML_TAG.split(html_text)
    parts[::2] = [HYPHENATED_TERM.sub(r'<span class="nowrap">\g<0></span>', text) for text in parts[::2]]
    return "".join(parts)


@functools.lru_cache(maxsize=4096)
def plain_text(text):
    """Markdown reduced to its words, for readability scores, meta descriptions and the search
    index. Memoised like `render_markdown`: rebuilding a page's search documents reads every text
    of the page in three languages, most of them unchanged since the last time."""
    return html.unescape(nh3.clean(markdown.markdown(text or ""), tags=set())).strip()
