"""The page that follows a request, in Chromium: from the thanks page's link to the stage, and axe."""

from consult.models import ConsultRequest
from tests.factories import advance_consult_request, make_consult_request

from .conftest import run_axe
from .test_consult_browser import describe


def test_a_family_follows_their_request_from_the_link_with_its_reference(page, live_server, db):
    consult_request = advance_consult_request(make_consult_request(email="anna@example.org"), "in_review")
    page.goto(f"{live_server.url}/en/consult/status/?reference={consult_request.reference.lower()}")
    assert page.get_by_label("Reference number").input_value() == consult_request.reference.lower()
    page.get_by_label("The email address you used").fill("Anna@Example.org")
    page.get_by_role("button", name="Show my request's progress").click()
    page.locator(".consult-stage").wait_for()
    assert page.locator(".consult-stage").inner_text() == "Your records are being checked"
    assert page.locator(".reference").inner_text() == consult_request.reference
    assert page.locator(".consult-history li").count() == 2
    violations = run_axe(page)
    assert violations == [], describe(violations)
    assert page.console_errors == []


def test_a_wrong_pair_focuses_the_message_and_axe_finds_nothing(page, live_server, db):
    page.goto(f"{live_server.url}/en/consult/status/")
    violations = run_axe(page)
    assert violations == [], describe(violations)
    page.get_by_label("Reference number").fill("GB-2222-2222")
    page.get_by_label("The email address you used").fill("anna@example.org")
    page.get_by_role("button", name="Show my request's progress").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "We could not find a request" in summary.inner_text()
    assert summary.evaluate("el => el === document.activeElement")
    assert page.get_by_label("Reference number").input_value() == "GB-2222-2222"
    violations = run_axe(page)
    assert violations == [], describe(violations)
    assert not ConsultRequest.objects.filter(reference="GB-2222-2222").exists()
