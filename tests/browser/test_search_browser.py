"""Site search in Chromium: axe on result and no-result pages in each language, the header form
with the keyboard alone, and the results page at phone width and the site's text size."""

from urllib.parse import quote

import pytest
from django.db import transaction

from demo import loader
from search.index import rebuild

from .content import ensure_every_page_type
from .test_accessibility import FIND_OVERFLOW, MEASURE_TEXT, axe_failures

RESULT_PAGES = {
    "en results": ("en", "myeloma"),
    "ru results": ("ru", "миелома"),
    "zh-hans results": ("zh-hans", "骨髓瘤"),
    "en no results": ("en", "zzyzxqwv"),
    "ru no results": ("ru", "щщзызхк"),
}


@pytest.fixture
def search_site(live_server, transactional_db):
    """The live server's base URL, on the demo content (and what it lacks), indexed.

    Loaded in one transaction, as `manage.py load_demo_content` loads it: a save outside a
    transaction makes the index raise (search/index.py `schedule`), which the `site`
    fixture's plain `loader.load()` runs into."""
    with transaction.atomic():
        loader.load()
        ensure_every_page_type()
    rebuild()
    return live_server.url


def search_url(site, language, query):
    return f"{site}/{language}/search/?q={quote(query)}"


def test_axe_finds_no_wcag_violations_on_search_pages(page, search_site):
    """Every results and no-results page in one test: the indexed live server costs seconds."""
    failures = []
    for name, (language, query) in RESULT_PAGES.items():
        response = page.goto(search_url(search_site, language, query))
        assert response.status == 200, f"{name}: {response.status}"
        count = page.locator(".search-result").count()
        assert (count == 0) == ("no results" in name), f"{name}: {count} results"
        failures += axe_failures(page, f"search ({name})")
    assert failures == [], "\n".join(failures)
    assert page.console_errors == []


def focused_is(page, selector):
    return page.evaluate("s => document.activeElement === document.querySelector(s)", selector)


def tab_until(page, selector, limit=60):
    """Press Tab until the first element matching `selector` has focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused_is(page, selector):
            return presses
    pytest.fail(f"{selector} was not reached with Tab in {limit} presses")


FOCUS_INDICATOR = """() => {
  const style = getComputedStyle(document.activeElement);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
}"""


@pytest.mark.parametrize(("language", "query", "title"), [("en", "myeloma", "Multiple myeloma"),
                                                           ("ru", "миелома", "Множественная миелома")])
def test_searching_from_the_header_with_the_keyboard_alone(page, search_site, language, query, title):
    page.goto(f"{search_site}/{language}/")
    tab_until(page, "header form[role=search] input[name=q]", limit=15)
    assert page.evaluate(FOCUS_INDICATOR), "the header search input shows no focus indicator"
    page.keyboard.type(query)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == search_url(search_site, language, query)
    assert page.locator(".search-result").count() > 0
    assert page.locator("main form[role=search] input[name=q]").input_value() == query

    tab_until(page, ".search-result a")
    first = page.locator(".search-result a").first
    assert first.inner_text() == title
    assert page.evaluate(FOCUS_INDICATOR), "the first result link shows no focus indicator"
    href = first.get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == search_site + href
    assert page.locator("main h1").inner_text() == title


REFLOW_QUERIES = [("en", "myeloma"), ("ru", "миелома"), ("zh-hans", "骨髓瘤"), ("en", "myeloma " + "x" * 992)]


def test_search_pages_reflow_at_320px(browser, search_site):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    failures = {}
    try:
        for language, query in REFLOW_QUERIES:
            assert page.goto(search_url(search_site, language, query)).status == 200
            # A text field scrolls a value longer than itself by design; anything else must wrap.
            problems = [problem for problem in page.evaluate(FIND_OVERFLOW) if not problem.startswith("input#")]
            if problems:
                failures[f"{language} search for {query[:20]!r}"] = problems
    finally:
        context.close()
    assert failures == {}, f"at 320 CSS px: {failures}"


def test_search_results_text_is_16px_or_more_in_short_lines(page, search_site):
    assert page.goto(search_url(search_site, "en", "myeloma")).status == 200
    problems = page.evaluate(MEASURE_TEXT)
    assert problems == [], f"search results: {problems}"
