"""Condition pages as edited content: published or draft, their sections, and their admin."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from conditions.models import Condition
from tests.factories import fill_condition, make_condition, make_doctor, make_story, make_treatment, translate

pytestmark = pytest.mark.django_db


def test_condition_list_shows_published_conditions_only(client):
    make_condition(name="Published one")
    make_condition(name="Hidden draft", is_published=False)
    html = client.get("/en/conditions/").content.decode()
    assert "Published one" in html
    assert "Hidden draft" not in html


def test_draft_condition_is_404_for_public_and_previewable_by_staff(client, staff_client):
    condition = make_condition(is_published=False)
    assert client.get(condition.get_absolute_url()).status_code == 404
    response = staff_client.get(condition.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()


def test_condition_page_has_jump_links_sections_and_call_to_action(client):
    condition = make_condition(slug="multiple-myeloma", diagnosis="Tests.", treatment_approach="Plans.")
    fill_condition(condition, 2)
    html = client.get("/en/conditions/multiple-myeloma/").content.decode()
    assert "On this page" in html
    for anchor in ("overview", "symptoms", "diagnosis", "treatment", "outcomes", "why-us", "words"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert 'href="/en/consult/?condition=multiple-myeloma"' in html


def test_unpublished_treatment_is_not_linked_from_a_condition(client):
    condition = make_condition()
    fill_condition(condition, 1)
    hidden = make_treatment(name="Secret trial", is_published=False)
    condition.condition_treatments.create(treatment=hidden, position=9)
    assert "Secret trial" not in client.get(condition.get_absolute_url()).content.decode()


def test_glossary_terms_are_shown_as_details(client):
    condition = make_condition()
    condition.glossary_terms.create(term="Plasma cell", explanation="A white blood cell that makes antibodies.")
    html = client.get(condition.get_absolute_url()).content.decode()
    assert '<details class="glossary"><summary>Plasma cell</summary>' in html


def test_a_brief_condition_says_so_on_the_list_and_its_page_and_points_to_the_form(client):
    brief = make_condition(name="Brief one", slug="brief-one")
    full = make_condition(name="Full one")
    fill_condition(full, 1)
    listing = client.get(reverse("conditions:list")).content.decode()
    brief_card, full_card = listing.split("Brief one")[1].split("Full one")
    assert "Only a short description so far." in brief_card
    assert "Only a short description so far." not in full_card.split("</li>")[0]
    html = client.get(brief.get_absolute_url()).content.decode()
    assert "Only a short description of this condition is available on our site so far." in html
    assert '<a href="/en/consult/?condition=brief-one">Our specialists can tell you more' in html
    assert "Only a short description" not in client.get(full.get_absolute_url()).content.decode()


@pytest.mark.parametrize("part", ["diagnosis", "treatment_approach"])
def test_a_condition_with_only_a_diagnosis_or_an_approach_is_not_brief(part):
    assert not make_condition(**{part: "Some text."}).is_brief


def test_condition_page_queries_do_not_grow_with_content(count_queries):
    small, large = make_condition(), make_condition()
    fill_condition(small, 3)
    fill_condition(large, 30)
    for condition, n in ((small, 3), (large, 30)):
        for _ in range(n):
            make_story(condition)
        condition.glossary_terms.update(reviewer=make_doctor(), last_reviewed="2026-01-01")
    assert count_queries(small.get_absolute_url()) == count_queries(large.get_absolute_url())


@pytest.mark.parametrize("url_name", ["admin:conditions_condition_changelist", "admin:conditions_condition_add",
                                      "admin:conditions_glossaryterm_changelist"])
def test_admin_pages_load_for_staff(staff_client, url_name):
    make_condition()
    assert staff_client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize(("language", "title", "point"), [
    ("en", "Where multiple myeloma starts", "called M-protein."),
    ("ru", "Где начинается множественная миелома", "— M-протеин."),
    ("zh-hans", "多发性骨髓瘤从哪里开始", "称为M蛋白。"),
])
def test_the_myeloma_drawing_comes_with_its_points_in_words_in_the_readers_language(client, language, title, point):
    condition = make_condition(name="Multiple myeloma", slug="multiple-myeloma", illustration="myeloma")
    for code in ("ru", "zh-hans"):
        translate(condition, code, name="MM", summary="S.", overview="O.")
    page = lxml_html.fromstring(client.get(f"/{language}/conditions/multiple-myeloma/").content)
    figure = page.xpath("//section[@id='overview']//figure[contains(@class, 'illustration')]")[0]
    assert figure.xpath(".//svg")[0].get("aria-hidden") == "true"  # the words below carry the meaning
    assert figure.xpath("string(.//figcaption/p)") == title
    points = [item.text_content() for item in figure.xpath(".//figcaption/ol/li")]
    assert len(points) == 4 and points[-1].endswith(point)


def test_a_condition_without_a_drawing_shows_none_and_an_unknown_one_is_ignored(client):
    plain = make_condition()
    unknown = make_condition()
    Condition.objects.filter(pk=unknown.pk).update(illustration="../../secrets")
    for condition in (plain, unknown):
        response = client.get(condition.get_absolute_url())
        assert response.status_code == 200 and b"illustration" not in response.content
