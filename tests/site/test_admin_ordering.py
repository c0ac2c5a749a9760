"""Putting rows in order in the admin: the order numbers work without JavaScript, saving a new
order reaches the public page at once (the page cache included), and only those who may change
a page may reorder it."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from conditions.models import Condition, Symptom
from tests.factories import make_condition, make_content_editor, make_coordinator, make_staff_user, make_symptom

pytestmark = pytest.mark.django_db


def change_url(condition):
    return reverse("admin:conditions_condition_change", args=[condition.pk])


def form_data(html, form_id):
    """What a browser would send for the form as the page shows it."""
    form = lxml_html.fromstring(html).get_element_by_id(form_id)
    data = {}
    for element in form.xpath(".//input[@name] | .//select[@name] | .//textarea[@name]"):
        name, kind = element.get("name"), element.get("type", "")
        if element.tag == "select":
            data[name] = [option.get("value") for option in element.xpath(".//option[@selected]")]
        elif element.tag == "textarea":
            data[name] = element.text or ""
        elif kind in ("checkbox", "radio"):
            if element.get("checked") is not None:
                data.setdefault(name, []).append(element.get("value", "on"))
        elif kind not in ("submit", "button", "file"):
            data[name] = element.get("value", "")
    return data


def symptom_prefix(data, symptom):
    return next(key[:-3] for key, value in data.items()
                if key.startswith("symptoms-") and key.endswith("-id") and value == str(symptom.pk))


def symptoms_on_page(html, symptoms):
    return sorted(symptoms, key=lambda symptom: html.index(f">{symptom.name}<"))


def test_reordering_symptoms_changes_the_cached_public_page(page_cache, staff_client, transactional_db):
    condition = make_condition()
    first, second, third = (make_symptom(condition, name=name, position=number)
                            for number, name in enumerate(("Bone pain", "Tiredness", "Infections"), start=1))
    anonymous = Client()
    anonymous.get(condition.get_absolute_url())
    cached = anonymous.get(condition.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    assert symptoms_on_page(cached.content.decode(), [first, second, third]) == [first, second, third]

    data = form_data(staff_client.get(change_url(condition)).content, "condition_form")
    for symptom, number in ((third, 1), (first, 2), (second, 3)):
        data[f"{symptom_prefix(data, symptom)}-position"] = number
    response = staff_client.post(change_url(condition), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    fresh = anonymous.get(condition.get_absolute_url())
    assert fresh["X-Page-Cache"] == "miss"
    assert symptoms_on_page(fresh.content.decode(), [first, second, third]) == [third, first, second]


def test_order_numbers_are_plain_number_boxes_that_work_without_javascript(staff_client):
    condition = make_condition()
    make_symptom(condition, position=1)
    page = lxml_html.fromstring(staff_client.get(change_url(condition)).content)
    boxes = page.xpath("//div[@id='symptoms-group']//input[contains(@name, '-position')]")
    assert boxes and all(box.get("type") == "number" and "position-input" in box.get("class") for box in boxes)
    assert boxes[0].get("data-move-up") == "Move up" and boxes[0].get("data-move-down") == "Move down"
    assert page.xpath("//script[contains(@src, 'js/admin-ordering')]")


def test_a_list_of_pages_is_reordered_from_the_list_and_saved(client):
    early, late = make_condition(name="Early", position=1), make_condition(name="Late", position=2)
    client.force_login(make_content_editor())
    changelist = reverse("admin:conditions_condition_changelist")
    data = form_data(client.get(changelist).content, "changelist-form")
    rows = {data[key]: key[:-3] for key in data if key.startswith("form-") and key.endswith("-id")}
    data[f"{rows[str(early.pk)]}-position"] = 2
    data[f"{rows[str(late.pk)]}-position"] = 1
    data["_save"] = "Save"
    assert client.post(changelist, data).status_code == 302
    assert list(Condition.objects.filter(pk__in=[early.pk, late.pk])) == [late, early]


def test_only_those_who_may_change_a_page_can_reorder_it():
    condition = make_condition()
    make_symptom(condition)
    changelist = reverse("admin:conditions_condition_changelist")
    reader = make_staff_user("reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_condition"))
    client = Client()
    client.force_login(reader)
    for url in (changelist, change_url(condition)):
        html = client.get(url).content.decode()
        assert "position-input" not in html, url
    client.force_login(make_coordinator())
    assert client.get(changelist).status_code == 403


def test_a_row_added_without_a_number_goes_after_the_others(staff_client):
    condition = make_condition()
    make_symptom(condition, name="Bone pain", position=4)
    data = form_data(staff_client.get(change_url(condition)).content, "condition_form")
    data.update({"symptoms-TOTAL_FORMS": "2", "symptoms-1-name": "Tiredness", "symptoms-1-explanation": "Why.",
                 "symptoms-1-position": "0", "symptoms-1-condition": str(condition.pk)})
    assert staff_client.post(change_url(condition), data).status_code == 302
    assert [(s.name, s.position) for s in Symptom.objects.filter(condition=condition)] == [
        ("Bone pain", 4), ("Tiredness", 5)]
