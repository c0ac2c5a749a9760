"""The consultation form end to end in Chromium: sending, errors, focus and axe."""

import re

import pytest

from consult.models import ConsultAttachment, ConsultRequest
from tests.factories import CONSULT_MESSAGE, PDF

from .conftest import run_axe


def describe(violations):
    return "\n".join(f"- {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                     for v in violations)


def fill_form(page):
    page.get_by_label("A family member or friend of the patient").check()
    page.get_by_label("Your full name").fill("Анна Петровна Иванова")
    page.get_by_label("Your email address").fill("anna@example.org")
    page.get_by_role("textbox", name="Your phone number").fill("+7 912 345 67 89")
    page.get_by_role("radio", name="WhatsApp").check()
    page.get_by_label("Русский").check()
    page.get_by_role("textbox", name="Patient's country").fill("Казахстан")
    page.get_by_label("Patient's age in years").fill("67")
    page.get_by_role("combobox", name="Condition").select_option("multiple-myeloma")
    page.get_by_label("Your question, or the patient's current situation").fill(CONSULT_MESSAGE)
    page.get_by_label("I agree that").check()


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "Выписка.pdf"
    path.write_bytes(PDF)
    return path


def test_a_family_member_sends_a_request_with_a_report(page, site, report):
    page.goto(site + "/en/consult/?condition=multiple-myeloma")
    assert page.get_by_role("combobox", name="Condition").input_value() == "multiple-myeloma"
    fill_form(page)
    page.get_by_label("Medical reports (optional)").set_input_files(str(report))
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url(site + "/en/consult/thanks/")

    saved = ConsultRequest.objects.get()
    assert page.locator(".reference").inner_text() == saved.reference
    assert re.fullmatch(r"GB-[2-9A-Z]{4}-[2-9A-Z]{4}", saved.reference)
    assert saved.full_name == "Анна Петровна Иванова"
    assert ConsultAttachment.objects.get().original_name == "Выписка.pdf"

    page.reload()
    assert page.locator(".reference").inner_text() == saved.reference
    assert ConsultRequest.objects.count() == 1
    assert page.console_errors == []


def test_a_failed_submit_focuses_the_error_summary(page, site):
    page.goto(site + "/en/consult/")
    page.get_by_label("Your full name").fill("张伟")
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_load_state()

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.evaluate("el => el === document.activeElement")
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Your full name").input_value() == "张伟"

    # Each link in the summary takes the keyboard to its field.
    summary.get_by_role("link", name=re.compile("Enter your email address")).click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    summary.get_by_role("link", name=re.compile("Choose who is writing")).click()
    assert page.evaluate("document.activeElement.id") == "id_writer_role_0"
    assert page.console_errors == []


def test_the_form_works_without_javascript(browser, site, report):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/en/consult/")
    page.get_by_role("button", name="Send my request").click()
    assert page.locator(".error-summary").is_visible()
    fill_form(page)
    page.get_by_label("Medical reports (optional)").set_input_files(str(report))
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url(site + "/en/consult/thanks/")
    assert page.locator(".reference").inner_text() == ConsultRequest.objects.get().reference
    context.close()


def test_too_many_files_are_caught_before_uploading(page, site, tmp_path):
    files = []
    for n in range(6):
        path = tmp_path / f"report-{n}.pdf"
        path.write_bytes(PDF)
        files.append(str(path))
    page.goto(site + "/en/consult/")
    fill_form(page)
    page.get_by_label("Medical reports (optional)").set_input_files(files)
    assert "You can attach at most 5 files." in page.locator("#attachments-check").inner_text()
    page.get_by_role("button", name="Send my request").click()
    assert page.url == site + "/en/consult/"
    assert page.evaluate("document.activeElement.id") == "id_attachments"
    assert not ConsultRequest.objects.exists()


def test_a_file_name_too_long_to_send_is_caught_before_uploading(page, site):
    long_name = "Заключение гематолога о результатах обследования " * 12 + ".pdf"
    page.goto(site + "/en/consult/")
    fill_form(page)
    page.get_by_label("Medical reports (optional)").set_input_files(
        [{"name": long_name, "mimeType": "application/pdf", "buffer": PDF}])
    notice = page.locator("#attachments-check").inner_text()
    assert "is too long for us to receive" in notice and "shorter name" in notice
    page.get_by_role("button", name="Send my request").click()
    assert page.url == site + "/en/consult/"
    assert page.evaluate("document.activeElement.id") == "id_attachments"
    assert not ConsultRequest.objects.exists()


def test_axe_finds_no_violations_on_the_empty_form(page, site):
    page.goto(site + "/en/consult/")
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_axe_finds_no_violations_on_the_form_with_errors(page, site):
    page.goto(site + "/en/consult/")
    page.get_by_role("textbox", name="Your phone number").fill("12")
    page.get_by_label("Patient's age in years").fill("200")
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_axe_finds_no_violations_on_the_thanks_page(page, site):
    page.goto(site + "/en/consult/")
    fill_form(page)
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url(site + "/en/consult/thanks/")
    violations = run_axe(page)
    assert violations == [], describe(violations)
