"""Treatment pages: published or draft, grouped by category with their sub-therapies, and their admin."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import html as lxml_html

from tests.factories import make_condition, make_statistic, make_story, make_treatment, translate
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

CAR_T = '<span class="nowrap">CAR-T</span>'  # as pages show it: never broken across lines


def test_draft_treatment_is_404_for_public_and_previewable_by_staff(client, staff_client):
    treatment = make_treatment(is_published=False)
    assert client.get(treatment.get_absolute_url()).status_code == 404
    assert staff_client.get(treatment.get_absolute_url()).status_code == 200


def test_treatments_are_grouped_by_category_with_subtherapies(client):
    parent = make_treatment(name="Immunotherapy", category="immunotherapy")
    make_treatment(name="CAR-T cell therapy", category="immunotherapy", parent=parent)
    make_treatment(name="Radiotherapy", category="radiotherapy")
    html = client.get("/en/treatments/").content.decode()
    assert html.index("Radiotherapy</a></h2>") < html.index("Immunotherapy</a></h2>")
    assert html.index("Immunotherapy</a></h2>") < html.index(f"{CAR_T} cell therapy</a></li>")


def test_a_sub_therapy_of_another_kind_has_its_own_card_and_most_reported_kinds_come_first(client):
    parent = make_treatment(name="Immunotherapy", category="immunotherapy")
    car_t = make_treatment(name="CAR-T cell therapy", category="cellular", parent=parent, summary="Cells, engineered.")
    make_treatment(name="Radiotherapy", category="radiotherapy")
    make_statistic(make_condition(), treatments=[car_t])
    html = client.get("/en/treatments/").content.decode()
    assert f"{CAR_T} cell therapy</a></h2>" in html and "Cells, engineered." in html
    assert html.index(f"{CAR_T} cell therapy</a></h2>") < html.index("Radiotherapy</a></h2>") < html.index(
        "Immunotherapy</a></h2>")


def test_treatment_page_lists_conditions_statistics_and_stories(client):
    treatment = make_treatment(name="CAR-T cell therapy")
    condition = make_condition(name="Multiple myeloma")
    condition.condition_treatments.create(treatment=treatment)
    make_statistic(condition, [treatment], value=Decimal("83.3"), measure="orr")
    make_story(condition, [treatment], title="Yuri's story")
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Multiple myeloma" in html
    assert "83.3%" in html
    assert "Yuri&#x27;s story" in html
    assert "Request a consultation" in html


def test_subtherapy_must_belong_to_a_main_treatment():
    top = make_treatment()
    middle = make_treatment(parent=top)
    bottom = make_treatment()
    bottom.parent = middle
    with pytest.raises(ValidationError):
        bottom.full_clean()


def test_treatment_page_queries_do_not_grow_with_content(count_queries):
    small, large = make_treatment(), make_treatment()
    for treatment, n in ((small, 3), (large, 30)):
        for _ in range(n):
            condition = make_condition()
            condition.condition_treatments.create(treatment=treatment)
            make_statistic(condition, [treatment])
            make_story(condition, [treatment])
            make_treatment(parent=treatment)
    assert count_queries(small.get_absolute_url()) == count_queries(large.get_absolute_url())


@pytest.mark.parametrize("url_name", [
    "admin:treatments_treatment_changelist", "admin:treatments_treatment_add",
    "admin:treatments_outcomestatistic_changelist", "admin:treatments_outcomestatistic_add",
])
def test_admin_pages_load_for_staff(staff_client, url_name):
    make_condition()
    assert staff_client.get(reverse(url_name)).status_code == 200


def test_what_a_treatment_involves_shows_only_the_sections_filled_in(client):
    treatment = make_treatment(suitable_for="Adults whose myeloma came back.", time_in_hospital="about 3 weeks")
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Who it may suit" in html and "Adults whose myeloma came back." in html
    assert "Usual time in hospital" in html and "about 3 weeks" in html
    for heading in ("Common side effects and how they are managed", "Follow-up", "Usual time for the whole"):
        assert heading not in html


def test_what_stories_tell_about_a_treatment_is_one_persons_experience_with_a_link(client):
    from stories.models import StoryTreatmentNote

    treatment = make_treatment()
    condition = make_condition()
    story = make_story(condition, title="Zinaida's story", treatments=[treatment])
    StoryTreatmentNote.objects.create(story=story, treatment=treatment, aspect="duration",
                                      text="Zinaida had both CAR-T treatments within three weeks.")
    hidden = make_story(condition, is_published=False, consent_on_file=False)
    StoryTreatmentNote.objects.create(story=hidden, treatment=treatment, aspect="duration", text="Not for readers.")
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "What our patients' stories tell" in html
    assert "one person's experience" in html
    assert "How it took" not in html and "How long it took" in html
    assert f"Zinaida had both {CAR_T} treatments within three weeks." in html
    assert f'href="{story.get_absolute_url()}"' in html
    assert "Not for readers." not in html


@pytest.mark.parametrize(("language", "title", "step"), [
    ("en", "CAR-T cell therapy in five steps", "The changed cells are grown in the laboratory until there are "
     "enough of them for the treatment."),
    ("ru", "CAR-T-клеточная терапия в пять шагов", "Изменённые клетки выращивают в лаборатории, пока их не станет "
     "достаточно для лечения."),
    ("zh-hans", "CAR-T细胞治疗的五个步骤", "改造后的细胞在实验室中培养扩增，直到数量足够用于治疗。"),
])
def test_the_car_t_drawing_comes_with_its_five_steps_in_words_in_the_readers_language(client, language, title, step):
    treatment = make_treatment(name="CAR-T cell therapy", slug="car-t", how_it_works="How.", illustration="car-t")
    for code in ("ru", "zh-hans"):
        translate(treatment, code, name="CAR-T", summary="S.", description="D.", how_it_works="H.")
    page = lxml_html.fromstring(client.get(f"/{language}/treatments/car-t/").content)
    figure = page.xpath("//figure[contains(@class, 'illustration')]")[0]
    assert figure.xpath(".//svg")[0].get("aria-hidden") == "true"  # the words below carry the meaning
    assert figure.xpath("string(.//figcaption/p)") == title
    steps = [item.text_content() for item in figure.xpath(".//figcaption/ol/li")]
    assert len(steps) == 5 and steps[2] == step  # collect, engineer, grow, infuse, attack
    assert len(figure.xpath(".//svg//text")) == 5  # the drawing numbers each step


@pytest.mark.parametrize(("language", "title", "step"), [
    ("en", "A transplant of the patient's own stem cells, step by step",
     "The patient recovers in the transplant ward until their blood counts come back up."),
    ("ru", "Трансплантация собственных стволовых клеток пациента: шаг за шагом",
     "Пациент восстанавливается в отделении трансплантации, пока показатели крови снова не поднимутся."),
    ("zh-hans", "自体干细胞移植的步骤", "患者在移植病房中恢复，直到血象回升。"),
])
def test_the_transplant_drawing_comes_with_its_four_steps_in_words_in_the_readers_language(
        client, language, title, step):
    treatment = make_treatment(name="HSCT", slug="hsct", category="transplant", how_it_works="How.",
                               illustration="autologous-hsct")
    for code in ("ru", "zh-hans"):
        translate(treatment, code, name="HSCT", summary="S.", description="D.", how_it_works="H.")
    page = lxml_html.fromstring(client.get(f"/{language}/treatments/hsct/").content)
    figure = page.xpath("//figure[contains(@class, 'illustration')]")[0]
    assert figure.xpath(".//svg")[0].get("aria-hidden") == "true"
    assert figure.xpath("string(.//figcaption/p)") == title
    steps = [item.text_content() for item in figure.xpath(".//figcaption/ol/li")]
    assert len(steps) == 4 and steps[-1] == step


def test_a_treatment_without_a_drawing_shows_none_and_an_unknown_one_is_ignored(client):
    plain = make_treatment(name="Radiotherapy", how_it_works="How.")
    unknown = make_treatment(name="Odd", how_it_works="How.")
    Treatment.objects.filter(pk=unknown.pk).update(illustration="../../secrets")
    for treatment in (plain, unknown):
        response = client.get(treatment.get_absolute_url())
        assert response.status_code == 200 and b"illustration" not in response.content
