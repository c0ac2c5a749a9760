"""Accessibility proven in Chromium: axe, keyboard, reflow, text size, print, no-JS.

Every public page type is checked (the consult pages have their own tests). Failure
messages name the page and say what to fix.
"""

import pytest

from .conftest import run_axe
from .content import PAGE_TYPES, ensure_every_page_type, page_paths

NOT_FOUND_LOG = "the server responded with a status of 404"


@pytest.fixture
def pages(site):
    """Absolute URL per page type, on the demo content plus whatever it lacks."""
    ensure_every_page_type()
    return {name: site + path for name, path in page_paths().items()}


def open_page(page, pages, name):
    response = page.goto(pages[name])
    expected = 404 if name == "404" else 200
    assert response.status == expected, f"{name}: {pages[name]} answered {response.status}"


def describe_violations(name, violations):
    lines = [f"axe found {len(violations)} WCAG A/AA violation(s) on the {name} page:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node.get('failureSummary', '')}".rstrip())
    return "\n".join(lines)


# axe-core: zero violations on every public page type -----------------------------------

# Not WCAG criteria in axe's tagging, but what screen reader users navigate by.
STRUCTURE_RULES = ["heading-order", "page-has-heading-one", "empty-heading", "landmark-one-main",
                   "landmark-unique", "region", "skip-link"]


def axe_failures(page, name):
    """What axe finds on the open page, WCAG A/AA and structure rules, described; empty when nothing."""
    from axe_playwright_python.sync_playwright import Axe

    failures = []
    violations = run_axe(page)
    if violations:
        failures.append(describe_violations(name, violations))
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": STRUCTURE_RULES},
                                       "resultTypes": ["violations"]})
    violations = results.response["violations"]
    if violations:
        failures.append(describe_violations(name, violations).replace("WCAG A/AA", "structure"))
    return failures


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_axe_finds_no_wcag_violations(page, pages_in, language):
    """Every page type in one test per language: a fresh live server with the demo content costs
    seconds, a page in the same browser a fraction of one. The message names every failing page."""
    pages = pages_in(language)
    failures = []
    for name in PAGE_TYPES:
        open_page(page, pages, name)
        failures += axe_failures(page, f"{language} {name}")
    assert failures == [], "\n".join(failures)


# No console errors (and a skip link to the content) ----------------------------------

FIRST_FOCUSABLE = """() => {
  const first = document.querySelector('a[href], button, input, select, textarea, summary');
  return [first.className, first.getAttribute('href'), !!document.querySelector('main#main')];
}"""


def test_every_page_loads_without_console_errors_and_starts_with_a_skip_link(page, pages):
    failures = {}
    for name in PAGE_TYPES:
        page.console_errors.clear()
        open_page(page, pages, name)
        page.wait_for_load_state("load")
        errors = [e for e in page.console_errors if not (name == "404" and NOT_FOUND_LOG in e)]
        if errors:
            failures[name] = errors
        skip = page.evaluate(FIRST_FOCUSABLE)
        if skip != ["skip-link", "#main", True]:
            failures[name] = f"the first link is not a skip link to <main id=main>: {skip}"
    assert failures == {}, f"per page: {failures}"


# Keyboard -------------------------------------------------------------------------------

# Marks the elements a keyboard user should reach, in document order, and describes the
# focused one: its place in that list and whether a focus indicator is painted.
COLLECT_FOCUSABLES = """() => {
  const selector = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, '
    + 'summary, iframe, [contenteditable], [tabindex]';
  const all = [...document.querySelectorAll(selector)].filter(el =>
    !el.disabled && el.tabIndex >= 0 && !el.closest('[inert]')
    && (el.tagName !== 'SUMMARY' || el.parentElement.tagName === 'DETAILS')
    && el.checkVisibility({visibilityProperty: true}));
  window.__focusables = all;
  return all.map(el => el.outerHTML.slice(0, 120));
}"""
DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const rect = el.getBoundingClientRect();
  return {
    index: window.__focusables.indexOf(el),
    html: el.outerHTML.slice(0, 120),
    indicator: outline || style.boxShadow !== 'none',
    inView: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth,
  };
}"""


def walk_with_tab(page, path):
    page.goto(path)
    focusables = page.evaluate(COLLECT_FOCUSABLES)
    assert focusables, f"{path}: nothing to focus"
    positive = page.locator("[tabindex]:not([tabindex='0']):not([tabindex^='-'])").count()
    assert positive == 0, f"{path}: a positive tabindex breaks the reading order"
    forward = []
    for _ in focusables:
        page.keyboard.press("Tab")
        forward.append(page.evaluate(DESCRIBE_FOCUS))
    return focusables, forward


def assert_tab_order(path, focusables, visited, expected_indexes):
    reached = [step["index"] for step in visited]
    if reached != expected_indexes:
        pairs = zip(reached, expected_indexes, strict=True)
        first_wrong = next(i for i, (got, want) in enumerate(pairs) if got != want)
        step = visited[first_wrong]
        expected = focusables[expected_indexes[first_wrong]]
        pytest.fail(f"{path}: keyboard step {first_wrong + 1} focused {step['html']!r}, "
                    f"expected {expected!r} (document order)")
    no_indicator = [step["html"] for step in visited if not step["indicator"]]
    assert no_indicator == [], f"{path}: no visible focus indicator on {no_indicator}"
    hidden = [step["html"] for step in visited if not step["inView"]]
    assert hidden == [], f"{path}: focused element scrolled out of view: {hidden}"


@pytest.mark.parametrize(("language", "names"), [("en", ["home", "story list", "story list, filtered"]),
                                               ("ru", ["home", "condition detail", "story list"])])
def test_tab_and_shift_tab_reach_every_control_in_document_order(page, pages_in, language, names):
    pages = pages_in(language)
    for name in names:
        focusables, forward = walk_with_tab(page, pages[name])
        assert_tab_order(pages[name], focusables, forward, list(range(len(focusables))))

        backward = []
        for _ in focusables[1:]:
            page.keyboard.press("Shift+Tab")
            backward.append(page.evaluate(DESCRIBE_FOCUS))
        assert_tab_order(pages[name], focusables, backward, list(range(len(focusables) - 2, -1, -1)))


def tab_to(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} was not reached with Tab")


def test_story_filters_work_with_the_keyboard_alone(page, pages):
    page.goto(pages["story list"])
    tab_to(page, "#filter-condition")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("() => { const s = document.activeElement; return [s.value, "
                           "s.options[s.selectedIndex].text]; }")
    assert chosen[0], "ArrowDown did not choose a condition"
    tab_to(page, ".filters button[type=submit]", limit=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"condition={chosen[0]}" in page.url
    active = page.locator(".active-filters")
    assert active.is_visible()
    assert chosen[1] in active.inner_text()
    assert page.locator("#filter-condition").input_value() == chosen[0]

    # Space on the submit button works too, and clears a filter chosen back to "All".
    tab_to(page, "#filter-condition")
    page.keyboard.press("Home")
    tab_to(page, ".filters button[type=submit]", limit=5)
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "condition=&" in page.url or page.url.endswith("condition=")
    assert page.locator(".active-filters").count() == 0


def test_glossary_terms_open_with_enter_and_space(page, pages):
    page.goto(pages["condition detail"])
    if page.locator("details").count() == 0:
        pytest.skip("no glossary term on the condition page")
    tab_to(page, "details > summary")
    is_open = "() => document.activeElement.parentElement.open"
    assert not page.evaluate(is_open)
    page.keyboard.press("Enter")
    assert page.evaluate(is_open), "Enter did not open the glossary term"
    explanation = page.locator("details[open] > :not(summary)").first
    assert explanation.is_visible()
    page.keyboard.press("Space")
    assert not page.evaluate(is_open), "Space did not close the glossary term"
    page.keyboard.press("Space")
    assert page.evaluate(is_open), "Space did not open the glossary term"


# Reflow: 320 px wide, and 200% zoom on a 1280 px window (= 640 CSS px) -----------------

FIND_OVERFLOW = """() => {
  const helpers = '.visually-hidden, .skip-link';
  const root = document.documentElement;
  const problems = [];
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page scrolls sideways by ${root.scrollWidth - root.clientWidth}px`);
  }
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  // Cut short on purpose, with an ellipsis, on a narrow screen: the breadcrumbs' names (the
  // page's own is its heading right below; the others are the pages its links lead to).
  const shortened = el => el.closest('.breadcrumbs a')
    && getComputedStyle(el.closest('.breadcrumbs a')).textOverflow === 'ellipsis';
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest(helpers) || !el.checkVisibility() || shortened(el)) continue;
    const style = getComputedStyle(el);
    const clips = v => v === 'hidden' || v === 'clip';
    if ((clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        || (clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
      problems.push(`${name(el)} cuts off its content`);
    }
    const rect = el.getBoundingClientRect();
    if (rect.width && rect.right > root.clientWidth + 1) {
      problems.push(`${name(el)} sticks out ${Math.round(rect.right - root.clientWidth)}px to the right`);
    }
  }
  return problems.slice(0, 10);
}"""


# 320 CSS px is a small phone; 640 is a 1,280 px window zoomed to 200%.
@pytest.mark.parametrize(("language", "widths"), [("en", [320, 640]), ("ru", [320, 640]), ("zh-hans", [320])])
def test_nothing_is_cut_off_or_scrolls_sideways(browser, pages_in, language, widths):
    """Russian words run long: they must hyphenate or wrap, never push the page wider."""
    pages = pages_in(language)
    failures = {}
    for width in widths:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for name in PAGE_TYPES:
            open_page(page, pages, name)
            problems = page.evaluate(FIND_OVERFLOW)
            if problems:
                failures[f"{name} at {width} CSS px"] = problems
        context.close()
    assert failures == {}, f"{language}: {failures}"


# Text size and line length: 16px or more, at most about 75 characters a line ----------

MEASURE_TEXT = """() => {
  const problems = [];
  const name = el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  const blocks = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    // A drawing's numerals are part of the picture; its words are given as text beside it.
    if (!walker.currentNode.data.trim() || seen.has(el) || el.closest('.visually-hidden, script, style')
        || el.closest('svg[aria-hidden="true"]') || !el.checkVisibility()) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    if (parseFloat(style.fontSize) < 16) {
      const text = walker.currentNode.data.trim().slice(0, 40);
      problems.push(`${style.fontSize} text in ${name(el)}: "${text}"`);
    }
    const block = el.closest('p, li, dd, dt, td, th, blockquote, figcaption, label, summary, h1, h2, h3, h4');
    if (!block || blocks.has(block)) continue;
    blocks.add(block);
    const probe = document.createElement('span');
    probe.textContent = '0'.repeat(100);
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
    block.append(probe);
    const ch = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const range = document.createRange();
    range.selectNodeContents(block);
    const longest = Math.max(...[...range.getClientRects()].map(r => r.width));
    if (longest / ch > 76) {
      problems.push(`${Math.round(longest / ch)}ch lines in ${name(block)}`);
    }
  }
  return [...new Set(problems)].slice(0, 10);
}"""


def test_text_is_16px_or_more_in_lines_of_at_most_75_characters(page, pages):
    failures = {}
    for name in PAGE_TYPES:
        open_page(page, pages, name)
        problems = page.evaluate(MEASURE_TEXT)
        if problems:
            failures[name] = problems
    assert failures == {}, f"text too small or lines too long: {failures}"


# Print ----------------------------------------------------------------------------------

def test_condition_page_prints_content_without_navigation(page, pages):
    page.goto(pages["condition detail"])
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-nav", ".site-footer", ".cta", ".skip-link"):
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    for index in range(page.locator("nav").count()):
        nav = page.locator("nav").nth(index)
        assert not nav.is_visible(), f"navigation is printed: {nav.get_attribute('aria-label')}"
    assert page.locator("main h1").is_visible()
    assert page.locator("#symptoms").is_visible()
    assert page.locator("#symptoms dt").first.is_visible()
    if page.locator("details.glossary").count():
        explanation = page.locator("details.glossary > p").first
        assert explanation.is_visible(), "closed glossary explanations are left out of the print"


# Without JavaScript ---------------------------------------------------------------------

def test_story_list_filters_and_links_work_without_javascript(browser, pages):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(pages["story list"])
        slug = page.locator("#filter-condition option[value]:not([value=''])").first.get_attribute("value")
        page.select_option("#filter-condition", slug)
        with page.expect_navigation():
            page.get_by_role("button", name="Show stories").click()
        assert f"condition={slug}" in page.url
        assert page.locator(".active-filters").is_visible()

        link = page.get_by_role("link", name="Read the full story").first
        href = link.get_attribute("href")
        with page.expect_navigation():
            link.click()
        assert page.url.endswith(href)
        assert page.locator("main h1").is_visible()
    finally:
        context.close()
