def test_home_page_renders_with_navigation(page, site):
    page.goto(site + "/en/")
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Conditions", "Treatments", "Patient stories", "Request a consultation"):
        assert nav.get_by_role("link", name=name).is_visible()
    assert page.console_errors == []


def test_skip_link_moves_focus_to_main_content(page, site):
    page.goto(site + "/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_nothing_scrolls_sideways_on_a_360px_phone(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("/en/", "/en/conditions/", "/en/conditions/multiple-myeloma/", "/en/stories/", "/en/consult/"):
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    context.close()
