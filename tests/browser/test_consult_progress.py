"""The consultation form's enhancements in Chromium: a progress bar while files are sent on a
slow connection, and the "what to send" checklist following the condition chosen."""

import re

import pytest

from consult.models import ConsultAttachment, ConsultRequest
from tests.factories import CONSULT_MESSAGE, make_condition, make_record_to_send, noisy_png_bytes

# About 60 KB a second: a 1 MB picture takes long enough to watch the bar move.
SLOW_UPLOAD = {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 60 * 1024}


@pytest.fixture
def consult_site(live_server, db):
    """The live server with two conditions, each with what to send."""
    myeloma = make_condition(name="Multiple myeloma", slug="multiple-myeloma")
    make_record_to_send(myeloma, position=0, text="Blood tests from the last month")
    make_record_to_send(myeloma, position=1, text="Your most recent bone marrow report")
    lymphoma = make_condition(name="Lymphoma", slug="lymphoma")
    make_record_to_send(lymphoma, text="The biopsy report")
    return live_server.url


def fill_form(page, consent=True):
    page.get_by_label("A family member or friend of the patient").check()
    page.get_by_label("Your full name").fill("Анна Петровна Иванова")
    page.get_by_label("Your email address").fill("anna@example.org")
    page.get_by_role("combobox", name="Country of your phone number").select_option("RU")
    page.get_by_role("textbox", name="Your phone number").fill("8 (912) 345-67-89")
    page.get_by_role("radio", name="WhatsApp").check()
    page.get_by_label("Русский").check()
    page.get_by_role("textbox", name="Patient's country").fill("Казахстан")
    page.get_by_label("Patient's age in years").fill("67")
    page.get_by_role("combobox", name="Condition").select_option("multiple-myeloma")
    page.get_by_label("Your question, or the patient's current situation").fill(CONSULT_MESSAGE)
    if consent:
        page.get_by_label("I agree that").check()


def attach_a_large_photo(page):
    page.get_by_label("Medical reports (optional)").set_input_files(
        [{"name": "scan.png", "mimeType": "image/png", "buffer": noisy_png_bytes((600, 600))}])


def slow_down_uploads(page):
    """Throttle the page's uploads; returns the function that lifts the throttle."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_UPLOAD)
    return lambda: cdp.send("Network.emulateNetworkConditions", {**SLOW_UPLOAD, "latency": 0,
                                                                  "uploadThroughput": -1})


def test_a_progress_bar_shows_how_much_has_been_sent_then_the_thanks_page(page, consult_site):
    page.goto(consult_site + "/en/consult/")
    fill_form(page)
    attach_a_large_photo(page)
    speed_up = slow_down_uploads(page)
    progress = page.locator("#upload-progress")
    assert progress.is_hidden()
    page.get_by_role("button", name="Send my request").click()

    bar = page.get_by_role("progressbar", name="Sending your request and files")
    bar.wait_for(state="visible")
    text = page.locator("#upload-progress-text")
    bar.evaluate("""bar => new Promise(resolve => {
        const check = () => (bar.value > 0 && bar.value < bar.max ? resolve() : setTimeout(check, 20));
        check();
    })""")
    assert re.fullmatch(r"\d+\.\d MB of 1\.\d MB sent", text.inner_text()), text.inner_text()
    assert text.get_attribute("aria-live") == "polite"
    assert page.get_by_role("button", name="Sending your request…").get_attribute("aria-disabled") == "true"
    speed_up()

    page.wait_for_url(consult_site + "/en/consult/thanks/", timeout=60_000)
    saved = ConsultRequest.objects.get()
    assert page.locator(".reference").inner_text() == saved.reference
    assert saved.phone == "+7 912 345-67-89"
    assert ConsultAttachment.objects.get().original_name == "scan.png"
    assert page.console_errors == []


def test_errors_after_sending_files_show_the_page_the_server_answered_with(page, consult_site):
    page.goto(consult_site + "/en/consult/")
    fill_form(page, consent=False)
    attach_a_large_photo(page)
    page.get_by_role("button", name="Send my request").click()

    summary = page.locator(".error-summary")
    summary.wait_for(state="visible")
    assert "Tick the box to agree" in summary.inner_text()
    assert page.url == consult_site + "/en/consult/"
    assert page.title().startswith("Error: ")
    summary.evaluate("""summary => new Promise(resolve => {
        const check = () => (document.activeElement === summary ? resolve() : setTimeout(check, 20));
        check();
    })""")
    assert page.get_by_label("Your full name").input_value() == "Анна Петровна Иванова"
    assert not ConsultRequest.objects.exists()

    # The page shown works as the first did: this time it is sent.
    page.get_by_label("I agree that").check()
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url(consult_site + "/en/consult/thanks/")
    assert ConsultRequest.objects.count() == 1
    assert page.console_errors == []


def test_the_checklist_follows_the_condition_chosen(page, consult_site):
    page.goto(consult_site + "/en/consult/?condition=multiple-myeloma")
    myeloma = page.locator('.what-to-send__list[data-condition="multiple-myeloma"]')
    lymphoma = page.locator('.what-to-send__list[data-condition="lymphoma"]')
    assert myeloma.is_visible() and lymphoma.is_hidden()
    assert myeloma.get_by_role("listitem").all_inner_texts() == ["Blood tests from the last month",
                                                                 "Your most recent bone marrow report"]

    condition = page.get_by_role("combobox", name="Condition")
    condition.select_option("lymphoma")
    assert lymphoma.is_visible() and myeloma.is_hidden()
    assert lymphoma.get_by_role("listitem").all_inner_texts() == ["The biopsy report"]

    condition.select_option("other")
    assert lymphoma.is_hidden() and myeloma.is_hidden()
    assert page.console_errors == []


def test_without_javascript_the_checklist_of_the_preselected_condition_is_shown(browser, consult_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(consult_site + "/en/consult/?condition=lymphoma")
    assert page.locator('.what-to-send__list[data-condition="lymphoma"]').is_visible()
    assert page.locator('.what-to-send__list[data-condition="multiple-myeloma"]').is_hidden()
    assert page.locator("#upload-progress").is_hidden()
    context.close()
