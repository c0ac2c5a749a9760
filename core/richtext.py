"""Editors write Markdown; the site renders it and removes anything unsafe."""

import functools
import html

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


@functools.lru_cache(maxsize=2048)
def render_markdown(text):
    """Sanitised HTML for editor-written Markdown.

    Memoised: the same text always gives the same HTML, and rendering is about half
    the cost of an uncached story page.
    """
    html = markdown.markdown(text or "", extensions=["sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(text):
    """Markdown reduced to its words, for readability scores and meta descriptions."""
    return html.unescape(nh3.clean(markdown.markdown(text or ""), tags=set())).strip()
