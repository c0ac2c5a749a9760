"""The page's frame as a family sees it on a phone and on a desktop: a header that leaves room for
the page, a menu that opens without JavaScript, breadcrumbs on one line, nothing sideways."""

import pytest

from .conftest import run_axe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MAX_PHONE_HEADER_PX = 120

HEADER_PROBLEMS = """() => {
  const problems = [];
  const header = document.querySelector('.site-header');
  const height = header.getBoundingClientRect().height;
  const root = document.documentElement;
  const sideways = root.scrollWidth - root.clientWidth;
  if (sideways > 0) problems.push(`the page scrolls sideways by ${sideways}px`);
  const shown = [...document.querySelectorAll('.site-header__inner > *')].filter(el => el.checkVisibility());
  const boxes = shown.map(el => [el, el.getBoundingClientRect()]);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1) {
      problems.push(`${a.className} overlaps ${b.className}`);
    }
  }
  const top = Math.min(...[...header.querySelectorAll('a, summary, input, button')]
    .filter(el => el.checkVisibility()).map(el => el.getBoundingClientRect().top));
  return {height, top, problems};
}"""


def with_forms(pages, language):
    """Every page type, with the consult form and a search results page."""
    site = pages["home"].removesuffix(f"/{language}/")
    return {**pages, "consult": f"{site}/{language}/consult/", "search": f"{site}/{language}/search/?q=myeloma"}


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_on_a_phone_the_header_leaves_room_for_the_page(browser, pages_in, language):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    failures = {}
    for name, url in with_forms(pages_in(language), language).items():
        page.goto(url)
        found = page.evaluate(HEADER_PROBLEMS)
        if found["height"] > MAX_PHONE_HEADER_PX:
            found["problems"].append(f"the header is {found['height']:.0f}px tall (at most {MAX_PHONE_HEADER_PX})")
        if found["problems"]:
            failures[name] = found["problems"]
    context.close()
    assert failures == {}, f"{language} at 390px: {failures}"


def test_on_a_desktop_nothing_in_the_header_touches_the_window_edge(browser, pages_in):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    failures = {}
    for name, url in with_forms(pages_in("en"), "en").items():
        page.goto(url)
        found = page.evaluate(HEADER_PROBLEMS)
        if found["top"] < 8:
            found["problems"].append(f"the header's first control is {found['top']:.0f}px from the top of the window")
        if found["problems"]:
            failures[name] = found["problems"]
    context.close()
    assert failures == {}, f"en at {DESKTOP['width']}px: {failures}"


def test_on_a_phone_the_menu_opens_with_the_keyboard_and_without_javascript(browser, pages_in):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(pages_in("en")["story detail"])
    assert not page.locator(".site-header__wide").is_visible()
    menu_link = page.locator(".site-menu .site-nav a", has_text="Treatments")
    assert not menu_link.is_visible()
    page.locator(".site-menu summary").focus()
    page.keyboard.press("Enter")
    assert menu_link.is_visible()
    assert page.locator(".site-menu input[name=q]").is_visible()
    context.close()


def test_breadcrumbs_stay_on_one_line_with_the_page_name_cut_short(browser, pages_in):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(pages_in("ru")["story detail"])
    crumbs = page.locator(".breadcrumbs li")
    tops = {round(box["y"]) for box in (crumbs.nth(i).bounding_box() for i in range(crumbs.count()))}
    context.close()
    assert len(tops) == 1, "the breadcrumbs wrapped onto more than one line"


# Each drawing with the demo page it is on and how many points it gives in words.
ILLUSTRATED_PAGES = [("treatments/car-t-cell-therapy/", 5), ("treatments/stem-cell-transplantation/", 4),
                     ("conditions/multiple-myeloma/", 4), ("international-patients/", 3)]


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_each_drawing_fits_a_small_phone_and_axe_finds_nothing(browser, site, language):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    failures = {}
    for path, points in ILLUSTRATED_PAGES:
        page.goto(f"{site}/{language}/{path}")
        drawings = page.locator(".illustration svg").count()
        found = page.locator(".illustration li").count()
        width = page.evaluate("document.documentElement.clientWidth")
        # Every part of the illustration, drawing and words, stays inside the window.
        boxes = page.locator(".illustration, .illustration *").evaluate_all(
            "els => els.map(el => el.getBoundingClientRect()).filter(r => r.width).map(r => [r.left, r.right])")
        problems = [f"{violation['id']}: {violation['help']}" for violation in run_axe(page)]
        if drawings < 1 or found != points:
            problems.append(f"{drawings} drawing(s) and {found} point(s) in words, expected {points}")
        problems += [f"a part spans {left:.0f}–{right:.0f}px of a {width}px window"
                     for left, right in boxes if not (0 < left and right <= width)][:3]
        if problems:
            failures[path] = problems
    context.close()
    assert failures == {}, f"{language} at 320px: {failures}"


# Long pages: a side column that stays in view on wide screens, a way back up on phones -------

LONG_PAGES = ["condition detail", "treatment detail", "story detail"]

SIDE_COLUMN = """() => {
  const box = el => el.getBoundingClientRect();
  const side = document.querySelector('.page__side');
  const body = document.querySelector('.page__body');
  const footer = document.querySelector('.site-footer');
  return {side: box(side).toJSON(), body: box(body).toJSON(), footer: box(footer).toJSON(),
          height: innerHeight, scrollable: side.scrollHeight > side.clientHeight,
          overflow: getComputedStyle(side).overflowY};
}"""


def in_view(box, height):
    """Whether a box (Playwright's or a DOMRect's) lies wholly within a window `height` px tall."""
    return box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("name", LONG_PAGES)
def test_on_a_desktop_the_page_list_and_the_consultation_box_stay_in_view_beside_the_text(browser, pages_in, name):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(pages_in("en")[name])
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    kept = [".page__side .cta", *([".page__side .toc"] if name == "condition detail" else [])]
    boxes = {selector: page.locator(selector).bounding_box() for selector in kept}
    halfway = page.evaluate(SIDE_COLUMN)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    at_the_end = page.evaluate(SIDE_COLUMN)
    end_box_shown = page.locator(".page__body > .cta").is_visible()
    context.close()
    for selector, box in boxes.items():
        assert in_view(box, DESKTOP["height"]), f"{selector} scrolled out of view"
    assert halfway["side"]["left"] >= halfway["body"]["right"], "the side column overlaps the text"
    assert at_the_end["side"]["bottom"] <= at_the_end["footer"]["top"], "the side column covers the footer"
    assert not end_box_shown, "the consultation box is shown twice"


def test_a_side_column_taller_than_the_window_scrolls_itself(browser, pages_in):
    context = browser.new_context(viewport={"width": 1280, "height": 420})
    page = context.new_page()
    page.goto(pages_in("en")["condition detail"])
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    found = page.evaluate(SIDE_COLUMN)
    page.locator(".page__side .cta a").focus()
    button = page.locator(".page__side .cta a").bounding_box()
    context.close()
    assert in_view(found["side"], found["height"])
    assert found["scrollable"] and found["overflow"] == "auto"
    assert in_view(button, found["height"]), "the focused button stays hidden in the side column"


@pytest.mark.parametrize("name", LONG_PAGES)
def test_on_a_phone_the_page_list_stays_in_the_flow_and_a_link_leads_back_to_the_top(browser, pages_in, name):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(pages_in("ru")[name])
    side_box_shown = page.locator(".page__side .cta").is_visible()
    end_box_shown = page.locator(".page__body > .cta").is_visible()
    if name == "condition detail":
        toc, overview = page.locator(".toc").bounding_box(), page.locator("#overview").bounding_box()
        assert toc["y"] + toc["height"] <= overview["y"], "the page list is not above the text on a phone"
    link = page.locator(".back-to-top a")
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    label = link.inner_text()
    link.click()
    page.wait_for_function("window.scrollY === 0")
    context.close()
    assert not side_box_shown and end_box_shown
    assert box["width"] >= 44 and box["height"] >= 44, f"the link is {box['width']:.0f}×{box['height']:.0f}px"
    assert label == "Наверх"


def test_on_a_desktop_there_is_no_back_to_top_link(browser, pages_in):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(pages_in("en")["condition detail"])
    hidden = not page.locator(".back-to-top a").is_visible()
    context.close()
    assert hidden


# Terms such as CAR-T never break at their hyphen --------------------------------------------

SPLIT_TERMS = """() => {
  const split = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement.checkVisibility() || node.parentElement.closest('svg, .visually-hidden')) continue;
    for (const match of node.data.matchAll(/CAR-T/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(node.parentElement.closest('p, li, dd, dt, h1, h2, h3, summary').textContent
        .trim().slice(0, 60));
    }
  }
  return split;
}"""


# Pages where, at 320 px, some CAR-T would otherwise end a line with "CAR-".
@pytest.mark.parametrize("path", ["/en/treatments/car-t-cell-therapy/", "/en/conditions/multiple-myeloma/",
                                  "/ru/treatments/car-t-cell-therapy/"])
def test_car_t_never_breaks_across_lines_on_a_small_phone(browser, site, path):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(site + path)
    count = page.evaluate("document.querySelector('main').textContent.split('CAR-T').length - 1")
    split = page.evaluate(SPLIT_TERMS)
    context.close()
    assert count > 0, "no CAR-T on the page to check"
    assert split == [], f"CAR-T broken across lines in: {split}"
