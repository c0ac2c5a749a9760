"""The reply time promised to families comes only from a setting: the same words on every page
and email while it is set, no time anywhere once it is unset; the admin flags requests past it."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from consult.models import ConsultRequest, promised_reply_cutoff, reply_due_at, reply_time_promise
from tests.factories import consult_form_data, make_consult_request, make_coordinator

pytestmark = pytest.mark.django_db
PROMISE = "usually within 2 working days (Monday to Friday, Asia/Shanghai time)"
CHANGELIST = "admin:consult_consultrequest_changelist"


def family_pages_and_emails(run_tasks):
    """The text of every page and email that could speak of the reply time, by name."""
    client = Client()
    texts = {
        "form": client.get("/en/consult/").content.decode(),
        "thanks without a reference": client.get("/en/consult/thanks/").content.decode(),
        "condition page": client.get("/en/conditions/multiple-myeloma/").content.decode(),
    }
    client.post("/en/consult/", consult_form_data())
    texts["thanks"] = client.get("/en/consult/thanks/").content.decode()
    run_tasks()
    texts["acknowledgement"] = next(m.body for m in mail.outbox if m.to == ["anna@example.org"])
    return texts


def description(html):
    return re.search(r'<meta name="description" content="([^"]*)"', html).group(1)


@pytest.mark.usefixtures("myeloma")
@override_settings(CONSULT_REPLY_WORKING_DAYS=2)
def test_a_promise_that_is_set_is_said_the_same_way_everywhere(run_tasks):
    texts = family_pages_and_emails(run_tasks)
    for name, text in texts.items():
        assert PROMISE in text.replace("&#x27;", "'"), name
    assert PROMISE in description(texts["form"])
    assert "two working days" not in " ".join(texts.values())


@pytest.mark.usefixtures("myeloma")
@override_settings(CONSULT_REPLY_WORKING_DAYS=None)
def test_without_the_setting_no_time_is_promised_anywhere(run_tasks):
    texts = family_pages_and_emails(run_tasks)
    for name, text in texts.items():
        # ("Within an hour" is about our automatic confirmation email, not the reply.)
        assert not re.search(r"working day|usually|Asia/Shanghai|repl(y|ies)[^.]{0,40}within", text), name
    assert "The coordinator replies in the way and language you choose below." in texts["form"]
    assert "The coordinator replies in the way and language you chose." in texts["thanks"]
    assert "A patient coordinator will reply." in texts["thanks without a reference"]
    assert "A patient coordinator replies." in texts["condition page"]
    assert "The coordinator replies using the contact method you chose (WhatsApp)." in texts["acknowledgement"]
    assert description(texts["form"]).endswith("A patient coordinator replies.")


def test_the_promise_is_unset_by_default(settings):
    from gobroad_site.settings import base

    assert base.CONSULT_REPLY_WORKING_DAYS is None
    assert base.CONSULT_REPLY_TIME_ZONE == "Asia/Shanghai"
    settings.CONSULT_REPLY_WORKING_DAYS = None
    assert reply_time_promise() == ""


@pytest.mark.parametrize(("days", "zone", "words"), [
    (1, "Asia/Shanghai", "usually within 1 working day (Monday to Friday, Asia/Shanghai time)"),
    (3, "Europe/Moscow", "usually within 3 working days (Monday to Friday, Europe/Moscow time)"),
])
def test_the_number_of_days_and_the_time_zone_come_from_the_settings(settings, days, zone, words):
    settings.CONSULT_REPLY_WORKING_DAYS, settings.CONSULT_REPLY_TIME_ZONE = days, zone
    assert reply_time_promise() == words


@override_settings(CONSULT_REPLY_WORKING_DAYS=2)
def test_the_promise_is_in_the_pages_language(myeloma):
    html = Client().get("/ru/consult/").content.decode()
    assert "Asia/Shanghai" in html


# --- counting working days ---

SHANGHAI_MIDNIGHT = "+08:00"


@override_settings(CONSULT_REPLY_WORKING_DAYS=2, CONSULT_REPLY_TIME_ZONE="Asia/Shanghai")
@pytest.mark.parametrize(("received", "due"), [
    # Monday: Tuesday and Wednesday, so due when Thursday begins in Shanghai.
    ("2026-11-23T10:00+08:00", "2026-11-26T00:00+08:00"),
    # Friday: Monday and Tuesday.
    ("2026-11-27T10:00+08:00", "2026-12-02T00:00+08:00"),
    # Saturday and Sunday count as nothing.
    ("2026-11-28T10:00+08:00", "2026-12-02T00:00+08:00"),
    ("2026-11-29T23:59+08:00", "2026-12-02T00:00+08:00"),
    # Thursday 20:00 in London is already Friday in Shanghai: counted from Friday.
    ("2026-11-26T20:00+00:00", "2026-12-02T00:00+08:00"),
])
def test_working_days_are_monday_to_friday_in_the_reply_time_zone(received, due):
    assert reply_due_at(datetime.fromisoformat(received)) == datetime.fromisoformat(due)


@override_settings(CONSULT_REPLY_WORKING_DAYS=3, CONSULT_REPLY_TIME_ZONE="Europe/Moscow")
def test_the_flag_and_the_filter_agree_at_every_hour_of_two_weeks():
    start = datetime(2026, 11, 20, 0, 30, tzinfo=UTC)
    requests = [make_consult_request(created_at=start + timedelta(hours=7 * n)) for n in range(48)]
    for hours in range(0, 24 * 16, 5):
        now = start + timedelta(hours=hours)
        flagged = {r.pk for r in requests if r.created_at <= now and r.is_past_promised_reply_time(now)}
        filtered = set(ConsultRequest.objects.filter(created_at__lte=now).past_promised_reply_time(now)
                       .values_list("pk", flat=True))
        assert flagged == filtered, now


def test_without_a_promise_nothing_is_ever_overdue(settings):
    settings.CONSULT_REPLY_WORKING_DAYS = None
    old = make_consult_request(created_at=timezone.now() - timedelta(days=60))
    assert not old.is_past_promised_reply_time()
    assert not ConsultRequest.objects.past_promised_reply_time().exists()
    assert promised_reply_cutoff() is None and old.reply_due_at is None


# --- the admin ---

@pytest.fixture
def overdue_and_others(db):
    long_ago = timezone.now() - timedelta(days=10)
    return {
        "overdue": make_consult_request(full_name="Overdue Person", created_at=long_ago),
        "in review": make_consult_request(full_name="Reviewed Person", created_at=long_ago, status="in_review"),
        "answered": make_consult_request(full_name="Answered Person", created_at=long_ago, status="contacted"),
        "closed": make_consult_request(full_name="Closed Person", created_at=long_ago, status="closed"),
        "fresh": make_consult_request(full_name="Fresh Person"),
    }


def rows(html):
    return {match.group(1): match.group(2) for match in re.finditer(
        r'<tr>.*?>(GB-[A-Z0-9-]+)</a>.*?(<td class="field-past_promised_reply_time">.*?</td>|</tr>)', html, re.S)}


@override_settings(CONSULT_REPLY_WORKING_DAYS=2)
def test_the_changelist_flags_unanswered_requests_past_the_promise(client, overdue_and_others):
    client.force_login(make_coordinator())
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "past the promised reply time" in html.lower()
    cells = rows(html)
    for name, consult_request in overdue_and_others.items():
        expected = "icon-yes" if name in ("overdue", "in review") else "icon-no"
        assert expected in cells[consult_request.reference], name

    filtered = client.get(reverse(CHANGELIST), {"reply": "overdue"}).content.decode()
    listed = {name for name, r in overdue_and_others.items() if r.reference in filtered}
    assert listed == {"overdue", "in review"}


@override_settings(CONSULT_REPLY_WORKING_DAYS=None)
def test_without_a_promise_the_changelist_has_no_flag_or_filter(client, overdue_and_others):
    client.force_login(make_coordinator())
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "field-past_promised_reply_time" not in html
    assert "Past the promised reply time" not in html
    assert "?reply=overdue" not in html
