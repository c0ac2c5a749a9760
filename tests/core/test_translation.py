"""Which language a reader sees a page in: whole in their language once it is complete, else whole in English."""

import re

import pytest
from django.test import Client

from tests.factories import (
    make_condition,
    make_statistic,
    make_story,
    make_symptom,
    make_treatment,
    translate,
)

pytestmark = pytest.mark.django_db


def visible(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def russian_condition():
    condition = make_condition(name="Multiple myeloma", slug="mm", summary="A blood cancer.", overview="English text.")
    translate(condition, "ru", name="Множественная миелома", summary="Рак крови.", overview="Русский текст.")
    symptom = make_symptom(condition, name="Bone pain", explanation="Pain in the bones.")
    translate(symptom, "ru", name="Боль в костях", explanation="Боль в костях.")
    return condition, symptom


def test_a_complete_translation_is_shown_whole_in_the_readers_language():
    condition, _symptom = russian_condition()
    condition.refresh_from_db()
    assert condition.readable_languages == "en,ru"
    html = Client().get("/ru/conditions/mm/").content.decode()
    assert "Множественная миелома" in html and "Боль в костях" in html and "Русский текст." in html
    assert "English text." not in html and "Bone pain" not in html
    assert 'lang="en"' not in html.split("<main", 1)[1].split("</main>")[0]


def test_a_page_with_one_row_untranslated_is_shown_whole_in_english_with_a_notice():
    condition, _symptom = russian_condition()
    make_symptom(condition, name="Fatigue", explanation="Feeling tired.")  # no Russian yet
    condition.refresh_from_db()
    assert condition.readable_languages == "en"
    response = Client().get("/ru/conditions/mm/")
    html = response.content.decode()
    assert "English text." in html and "Bone pain" in html and "Fatigue" in html
    assert "Русский текст." not in html and "Боль в костях" not in html
    assert 'class="note note--language"' in html
    assert '<h1 lang="en">Multiple myeloma</h1>' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/en/conditions/mm/">' in html


def test_a_translation_not_marked_ready_is_not_shown():
    condition = make_condition(slug="draft-ru", overview="English text.")
    translate(condition, "ru", name="Черновик", summary="Ещё не готово.", overview="Русский черновик.",
              translation_ready=False)
    condition.refresh_from_db()
    assert condition.readable_languages == "en"
    html = Client().get("/ru/conditions/draft-ru/").content.decode()
    assert "English text." in html and "Русский черновик." not in html


def test_a_readable_but_unreviewed_translation_says_no_doctor_has_checked_it():
    russian_condition()
    html = Client().get("/ru/conditions/mm/").content.decode()
    assert 'class="note note--language"' in html
    english = Client().get("/en/conditions/mm/").content.decode()
    assert 'class="note note--language"' not in english


def test_a_reviewed_translation_carries_no_notice():
    condition, _symptom = russian_condition()
    condition.translations.filter(language_code="ru").update(translation_reviewed_by="Dr Reviewer")
    html = Client().get("/ru/conditions/mm/").content.decode()
    assert 'class="note note--language"' not in html


def test_saving_a_figure_without_its_translation_makes_the_page_english_again():
    condition, _symptom = russian_condition()
    treatment = make_treatment()
    statistic = make_statistic(condition, [treatment])
    condition.refresh_from_db()
    assert condition.readable_languages == "en"
    translate(statistic, "ru", title="Исследование", patient_group="Взрослые", regimen="CAR-T")
    condition.refresh_from_db()
    assert condition.readable_languages == "en,ru"
    statistic.is_published = False
    statistic.save()
    condition.refresh_from_db()
    assert condition.readable_languages == "en,ru"


def test_deleting_the_untranslated_row_makes_the_page_readable_again():
    condition, _symptom = russian_condition()
    extra = make_symptom(condition)
    condition.refresh_from_db()
    assert condition.readable_languages == "en"
    extra.delete()
    condition.refresh_from_db()
    assert condition.readable_languages == "en,ru"


def test_cards_show_each_page_in_the_language_it_can_be_read_in():
    russian_condition()
    make_condition(name="Only in English", slug="english-only")
    html = Client().get("/ru/conditions/").content.decode()
    assert "Множественная миелома" in html
    assert re.search(r'<h2 class="card__title" lang="en"><a href="/ru/conditions/english-only/">Only in English', html)


def test_a_story_is_shown_whole_in_english_until_its_sections_are_translated():
    story = make_story(make_condition(), title="English title", sections=[("Heading", "Body.")], slug="s1")
    translate(story, "ru", title="Русский заголовок", display_name="Анна", summary="Кратко.")
    story.refresh_from_db()
    assert story.readable_languages == "en"
    assert "English title" in Client().get("/ru/stories/s1/").content.decode()
    translate(story.sections.get(), "ru", heading="Заголовок", body="Текст.")
    story.refresh_from_db()
    assert story.readable_languages == "en,ru"
    html = Client().get("/ru/stories/s1/").content.decode()
    assert "Русский заголовок" in html and "Заголовок" in html and "English title" not in html


def test_queries_per_page_stay_constant_in_every_language(count_queries):
    def add_condition(slug, rows):
        condition = make_condition(slug=slug)
        for code in ("zh-hans", "ru"):
            translate(condition, code, name=f"N {code}", summary="S", overview="O")
        for _ in range(rows):
            symptom = make_symptom(condition)
            for code in ("zh-hans", "ru"):
                translate(symptom, code, name="N", explanation="E")
        make_story(condition, sections=rows)

    add_condition("small", 1)
    counts = {}
    for language in ("en", "zh-hans", "ru"):
        counts[language] = [count_queries(f"/{language}/conditions/small/"), count_queries(f"/{language}/conditions/"),
                            count_queries(f"/{language}/stories/")]
    add_condition("large", 8)
    for language in ("en", "zh-hans", "ru"):
        assert counts[language] == counts["en"]
        assert [count_queries(f"/{language}/conditions/large/"), count_queries(f"/{language}/conditions/"),
                count_queries(f"/{language}/stories/")] == counts["en"]


@pytest.mark.django_db(transaction=True)
def test_a_page_saved_in_another_thread_works_out_its_languages():
    """gunicorn's gthread workers save from several threads: each must find its own state ready."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    from conditions.models import Condition

    condition, _symptom = russian_condition()

    def save_in_a_fresh_thread():
        try:
            page = Condition.objects.get(pk=condition.pk)
            page.save()
            return page.readable_languages
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(save_in_a_fresh_thread).result() == "en,ru"
