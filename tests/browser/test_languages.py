"""The three languages in Chromium: the switcher's round trip, and a consultation sent
from the Russian and the Chinese pages."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from consult.models import ConsultRequest

from .content import ensure_every_page_type


def test_the_switcher_goes_round_the_three_languages_and_back(page, site):
    ensure_every_page_type()
    page.goto(site + "/en/conditions/multiple-myeloma/")
    for name, prefix, tag in (("Русский", "ru", "ru"), ("简体中文", "zh-hans", "zh-Hans"), ("English", "en", "en")):
        with page.expect_navigation():
            page.locator(".languages").get_by_role("link", name=name).click()
        assert page.url == f"{site}/{prefix}/conditions/multiple-myeloma/"
        assert page.locator("html").get_attribute("lang") == tag
        assert page.locator(f'.languages a[aria-current="true"][lang="{tag}"]').count() == 1


def in_language(language, message):
    with translation.override(language):
        return gettext(message)


@pytest.mark.parametrize(("language", "chinese_font"), [("ru", False), ("zh-hans", True)])
def test_a_family_sends_a_request_in_their_language(page, site, language, chinese_font):
    ensure_every_page_type()
    page.goto(f"{site}/{language}/consult/")
    # Labels in the page's language lead to the fields.
    page.get_by_label(in_language(language, "A family member or friend of the patient")).check()
    page.get_by_role("textbox", name=in_language(language, "Your full name")).fill("Анна Иванова 李明")
    page.get_by_role("textbox", name=in_language(language, "Your email address")).fill("anna@example.org")
    page.locator("#id_phone").fill("+7 912 345 67 89")
    page.locator("#id_contact_channel_0").check()
    page.get_by_role("textbox", name=in_language(language, "Patient's country")).fill("Казахстан")
    page.locator("#id_patient_age").fill("67")
    page.get_by_role("combobox", name=in_language(language, "Condition")).select_option("multiple-myeloma")
    page.locator("#id_message").fill("Вопрос. 问题。")
    page.locator("#id_consent").check()
    page.get_by_role("button", name=in_language(language, "Send my request")).click()
    page.wait_for_url(f"{site}/{language}/consult/thanks/")
    saved = ConsultRequest.objects.get()
    assert saved.page_language == language and saved.preferred_language == language
    assert page.locator("h1").inner_text() == in_language(language, "Thank you: your request has been sent")
    if chinese_font:
        assert "WenQuanYi Micro Hei" in fonts_that_drew(page, "h1"), "the heading was not drawn in a Chinese font"


def fonts_that_drew(page, selector):
    """The fonts Chromium really used for an element's text (not what the CSS asks for)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts if font["glyphCount"]}
