"""The page's frame as a family sees it on a phone and on a desktop: a header that leaves room for
the page, a menu that opens without JavaScript, breadcrumbs on one line, nothing sideways."""

import pytest

from .conftest import run_axe
from .content import PAGE_TYPES

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


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_on_a_phone_the_header_leaves_room_for_the_page(browser, pages_in, language):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    failures = {}
    for name, url in pages_in(language).items():
        page.goto(url)
        found = page.evaluate(HEADER_PROBLEMS)
        if found["height"] > MAX_PHONE_HEADER_PX:
            found["problems"].append(f"the header is {found['height']:.0f}px tall (at most {MAX_PHONE_HEADER_PX})")
        if found["problems"]:
            failures[name] = found["problems"]
    context.close()
    assert failures == {}, f"{language} at 390px: {failures}"


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_on_a_desktop_nothing_in_the_header_touches_the_window_edge(browser, pages_in, name):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(pages_in("en")[name])
    found = page.evaluate(HEADER_PROBLEMS)
    context.close()
    assert found["problems"] == []
    assert found["top"] >= 8, f"the header's first control is {found['top']:.0f}px from the top of the window"


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


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_the_car_t_drawing_fits_a_small_phone_and_axe_finds_nothing(browser, site, language):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(f"{site}/{language}/treatments/car-t-cell-therapy/")
    drawing = page.locator("figure.illustration svg").bounding_box()
    steps = page.locator("figure.illustration figcaption li").count()
    width = page.evaluate("document.documentElement.clientWidth")
    violations = run_axe(page)
    context.close()
    assert steps == 4
    assert 0 < drawing["x"] and drawing["x"] + drawing["width"] <= width
    assert violations == []
