"""Playwright against the system Chromium (`playwright install` cannot download here).

Every test in this folder is marked `browser`. When Chromium is missing the whole
folder is skipped with one line saying so.
"""

import os
import shutil

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the live server's database
# access happens in its own thread, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    chromium = os.path.exists(CHROMIUM_PATH) or shutil.which(CHROMIUM_PATH)
    skip = pytest.mark.skip(reason=f"browser tests skipped: no Chromium at {CHROMIUM_PATH}")
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)
            if not chromium:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, demo):
    """The live server's base URL, with the demo content loaded."""
    return live_server.url


@pytest.fixture
def pages_in(site):
    """Absolute URL per page type in a language, on the demo content plus whatever it lacks."""
    from .content import ensure_every_page_type, page_paths

    ensure_every_page_type()
    return lambda language: {name: site + path for name, path in page_paths(language).items()}


@pytest.fixture
def page(browser):
    """A fresh page at phone-ish desktop size that records console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


def run_axe(page):
    """axe-core's WCAG 2.x A and AA rules (2.2 included) on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
        "resultTypes": ["violations"],
    })
    return results.response["violations"]
