"""The staff site in Chromium: the coordinators' list fits a laptop screen in every language,
and rows are put in order with the Move up / Move down buttons."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from conditions.models import Condition, Symptom
from tests.factories import make_condition, make_consult_request, make_content_editor, make_coordinator, make_symptom

# What a coordinator needs on every row, by the columns' classes.
TRIAGE_COLUMNS = ("received", "sender", "status", "coordinator", "past_promised_reply_time")


def sign_in(page, live_server, user, language="en"):
    """Give the browser the session of `user`, as the login form would, and the admin's language."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies([
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
    ])


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
@override_settings(CONSULT_REPLY_WORKING_DAYS=2)
def test_the_coordinators_list_fits_a_laptop_screen(page, live_server, transactional_db, language):
    coordinator = make_coordinator()
    long_ago = timezone.now() - timedelta(days=30)
    make_consult_request(full_name="Александра Константиновна Преображенская",
                         email="aleksandra.konstantinovna.preobrazhenskaya@example.org", patient_country="Казахстан",
                         condition_name="Multiple myeloma", contact_channel="telegram", created_at=long_ago,
                         assigned_to=coordinator, status="with_specialist")
    for number in range(5):
        make_consult_request(full_name=f"Sender {number}", email=f"sender{number}@example.cn")
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, coordinator, language)
    page.goto(live_server.url + reverse("admin:consult_consultrequest_changelist"))

    assert page.locator("#result_list tbody tr").count() == 6
    sizes = page.evaluate("""() => {
        const table = document.getElementById("result_list");
        const box = table.closest(".results") || table.parentElement;
        return {scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
                table: table.getBoundingClientRect().right, container: box.getBoundingClientRect().right,
                boxScroll: box.scrollWidth, boxClient: box.clientWidth};
    }""")
    assert sizes["scroll"] <= sizes["client"], sizes
    assert sizes["table"] <= sizes["container"] and sizes["boxScroll"] <= sizes["boxClient"], sizes
    for column in TRIAGE_COLUMNS:
        heading = page.locator(f"#result_list th.column-{column}")
        assert heading.is_visible(), column
        box = heading.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, (column, box)
    assert page.locator("#result_list td.field-sender").first.is_visible()
    assert page.console_errors == []


def test_symptoms_are_moved_with_the_buttons_and_the_order_is_saved(page, live_server, transactional_db):
    condition = make_condition()
    names = ["Bone pain", "Tiredness", "Infections"]
    for number, name in enumerate(names, start=1):
        make_symptom(condition, name=name, position=number)
    sign_in(page, live_server, make_content_editor())
    page.goto(live_server.url + reverse("admin:conditions_condition_change", args=[condition.pk]))
    group = page.locator("#symptoms-group")
    group.locator("summary").click()

    rows = group.locator(".inline-related.has_original")
    rows.nth(2).get_by_role("button", name="Move up").click()  # Infections above Tiredness
    rows.nth(0).get_by_role("button", name="Move down").click()  # Bone pain below Infections
    # The button keeps the keyboard focus, and a screen reader hears where the row went.
    assert page.evaluate("document.activeElement.className") == "move-down"
    assert "Moved to place 2 of 3" in page.locator("[role=status]").inner_text()
    assert [rows.nth(i).locator("input.position-input").input_value() for i in range(3)] == ["1", "2", "3"]

    page.locator("input[name=_continue]").click()
    page.locator(".messagelist").wait_for()
    saved = list(Symptom.objects.filter(condition=condition).values_list("translations__name", flat=True))
    assert saved == ["Infections", "Bone pain", "Tiredness"]
    public = Client().get(condition.get_absolute_url()).content.decode()
    assert public.index("Infections") < public.index("Bone pain") < public.index("Tiredness")
    assert page.console_errors == []


def test_a_list_of_pages_is_reordered_with_the_buttons(page, live_server, transactional_db):
    first, second = make_condition(name="Myeloma", position=1), make_condition(name="Lymphoma", position=2)
    sign_in(page, live_server, make_content_editor(), "ru")
    changelist = live_server.url + reverse("admin:conditions_condition_changelist")
    page.goto(changelist)
    page.locator("#result_list tbody tr").first.get_by_role("button", name="Вниз").click()
    page.get_by_role("button", name="Сохранить").click()
    page.locator(".messagelist").wait_for()
    assert list(Condition.objects.filter(pk__in=[first.pk, second.pk])) == [second, first]
    # Sorted by another column, rows next to each other are not neighbours in the order: no buttons.
    page.goto(changelist + "?o=1")
    assert page.locator("input.position-input").count() == 2
    assert page.locator(".ordering-buttons").count() == 0


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_a_full_condition_page_fits_a_laptop_screen_or_two_in_the_editor(page, live_server, transactional_db,
                                                                          demo, language):
    """The demo's myeloma page, every part filled in: measured 2,586 px at 1,280 (3,763 before its
    parts were folded and its section boxes made six lines)."""
    condition = Condition.objects.get(slug="multiple-myeloma")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, make_content_editor(), language)
    page.goto(live_server.url + reverse("admin:conditions_condition_change", args=[condition.pk]))
    sizes = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, height: document.body.scrollHeight,"
                          " client: document.documentElement.clientWidth})")
    assert sizes["scroll"] <= sizes["client"], f"scrolls sideways: {sizes}"
    assert sizes["height"] <= 3 * 900, f"{sizes['height']} px tall"
