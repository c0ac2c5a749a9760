"""A family writes in Russian or Chinese: the form, its errors, the thanks page and the
acknowledgement are in their language; the coordinators' notice stays in theirs."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext

from consult.models import ConsultRequest
from tests.factories import consult_form_data

pytestmark = pytest.mark.django_db
LANGUAGES = [("ru", "Русский"), ("zh-hans", "中文")]


def translated(language, message):
    """`message` as the catalogue has it in `language`; it must really be translated."""
    with translation.override(language):
        text = gettext(message)
    assert text != message, f"{message!r} is not translated into {language}"
    return text


@pytest.mark.parametrize(("language", "_name"), LANGUAGES)
def test_the_form_is_in_the_pages_language_and_the_reply_language_starts_there(language, _name, myeloma):
    html = Client().get(f"/{language}/consult/").content.decode()
    assert translated(language, "Request a consultation") in html
    assert translated(language, "Your full name") in html
    assert re.search(rf'<input[^>]*name="preferred_language"[^>]*value="{language}"[^>]*checked', html)


@pytest.mark.parametrize(("language", "_name"), LANGUAGES)
def test_errors_are_in_the_pages_language(language, _name, myeloma):
    response = Client().post(f"/{language}/consult/", consult_form_data(full_name="", consent=None))
    html = response.content.decode()
    assert response.status_code == 200
    assert translated(language, "There is a problem") in html
    assert translated(language, "Enter your full name.") in html


@override_settings(CONSULT_NOTIFY_EMAILS=["coordinators@gobroad.example"])
@pytest.mark.parametrize(("language", "name"), LANGUAGES)
def test_thanks_page_and_acknowledgement_in_the_familys_language_notice_in_the_coordinators(
        language, name, myeloma, run_tasks):
    client = Client()
    response = client.post(f"/{language}/consult/", consult_form_data(preferred_language=language), follow=True)
    assert response.redirect_chain[-1][0] == f"/{language}/consult/thanks/"
    saved = ConsultRequest.objects.get()
    assert saved.page_language == language
    assert saved.condition_name == "Multiple myeloma"  # the coordinators' working language
    html = response.content.decode()
    assert translated(language, "Thank you: your request has been sent") in html
    assert saved.reference in html

    run_tasks()
    acknowledgement = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    notice = next(m for m in mail.outbox if m.to == ["coordinators@gobroad.example"])
    assert saved.reference in acknowledgement.subject
    assert translated(language, "Please quote it whenever you contact us about this request.") in acknowledgement.body
    assert "Please quote it" not in acknowledgement.body
    assert notice.subject == f"New consultation request {saved.reference}"
    assert f"Sent from the {name} pages; reply wanted in {name}." in notice.body


@override_settings(CONSULT_COORDINATOR_LANGUAGE="ru")
def test_the_coordinators_language_is_a_setting(myeloma, run_tasks):
    Client().post("/zh-hans/consult/", consult_form_data(preferred_language="zh-hans"))
    run_tasks()
    notice = next(m for m in mail.outbox if m.to == ["coordinators@localhost"])
    assert translated("ru", "Open it in the admin (you will be asked to log in):") in notice.body


def test_names_messages_and_file_names_in_any_script_keep_working(myeloma, send_consult):
    from tests.factories import uploaded_file

    response = send_consult(uploaded_file("Заключение 血液报告.pdf"), full_name="Нурсултан 李明",
                            message="Отцу 67 лет. 他接受了化疗。")
    assert response.status_code == 302
    saved = ConsultRequest.objects.get()
    assert saved.full_name == "Нурсултан 李明" and saved.attachments.get().original_name == "Заключение 血液报告.pdf"
