"""The index follows the content: what is published, changed, deleted or translated is found (or
no longer found) as soon as the change is committed, and `rebuild_search_index` gives the same."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from lxml import html as lxml_html

from demo import loader
from search import index
from search.models import SearchDocument, sqlite_index_table
from search.query import SQLITE_MATCH
from tests.factories import make_condition, make_doctor, make_glossary_term, make_symptom, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index_state():
    """Each test starts as a fresh worker does. A test's transaction is rolled back, never
    committed, and a rollback leaves the index's list of pages to refresh behind (an
    application bug: see test_a_rolled_back_save_does_not_stop_the_index_following_content);
    without this, every test here would fail when run after any test that saved content."""
    index._pending.pages = None
    yield
    index._pending.pages = None


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` saves inside run what runs when their transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def found(client, query, language="en"):
    """(kind, title, url) of each result the search page lists for `query`."""
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    items = lxml_html.fromstring(response.content.decode()).xpath("//main//li[contains(@class, 'search-result')]")
    return [(" ".join(item.xpath("string(.//*[contains(@class, 'search-result__kind')])").split()),
             " ".join(item.xpath("string(.//*[contains(@class, 'search-result__title')])").split()),
             item.xpath(".//*[contains(@class, 'search-result__title')]//a/@href")[0]) for item in items]


def urls(client, query, language="en"):
    return [url for _kind, _title, url in found(client, query, language)]


# --- pages --------------------------------------------------------------------------------------

def test_publishing_a_page_adds_it_in_each_language_it_is_read_in(client, committed):
    with committed():
        condition = make_condition(name="Okapiosis", slug="okapiosis", is_published=False)
        translate(condition, "ru", name="Окапиоз", summary="Редкое.", overview="Обзор.")
    assert urls(client, "okapiosis") == []
    assert urls(client, "окапиоз", "ru") == []
    with committed():
        condition.is_published = True
        condition.save()
    assert urls(client, "okapiosis") == ["/en/conditions/okapiosis/"]
    assert found(client, "окапиоз", "ru") == [("Заболевание", "Окапиоз", "/ru/conditions/okapiosis/")]


def test_unpublishing_a_page_removes_it(client, committed):
    with committed():
        condition = make_condition(name="Okapiosis", slug="okapiosis")
    assert urls(client, "okapiosis") == ["/en/conditions/okapiosis/"]
    with committed():
        condition.is_published = False
        condition.save()
    assert urls(client, "okapiosis") == []


def test_deleting_a_page_removes_it(client, committed):
    with committed():
        condition = make_condition(name="Okapiosis", slug="okapiosis")
        make_symptom(condition, name="Okapi cough", explanation="A cough.")
    assert urls(client, "okapiosis") == ["/en/conditions/okapiosis/"]
    with committed():
        condition.delete()
    assert urls(client, "okapiosis") == []
    assert urls(client, "okapi cough") == []
    assert not SearchDocument.objects.exists()


def test_renaming_a_page_changes_the_title_found(client, committed):
    with committed():
        condition = make_condition(name="Okapiosis", slug="okapiosis")
        translate(condition, "ru", name="Окапиоз", summary="Редкое.", overview="Обзор.")
    with committed():
        condition.set_current_language("en")
        condition.name = "Giraffosis"
        condition.save()
    assert found(client, "giraffosis") == [("Condition", "Giraffosis", "/en/conditions/okapiosis/")]
    assert urls(client, "okapiosis") == []
    assert found(client, "окапиоз", "ru") == [("Заболевание", "Окапиоз", "/ru/conditions/okapiosis/")]
    with committed():
        condition.set_current_language("ru")
        condition.name = "Жирафоз"
        condition.save()
    assert found(client, "жирафоз", "ru") == [("Заболевание", "Жирафоз", "/ru/conditions/okapiosis/")]
    assert urls(client, "окапиоз", "ru") == []


def test_a_translation_is_searched_once_it_is_marked_ready(client, committed):
    with committed():
        condition = make_condition(name="Okapiosis", slug="okapiosis")
        translate(condition, "ru", name="Окапиоз", summary="Редкое.", overview="Обзор.", translation_ready=False)
    assert urls(client, "окапиоз", "ru") == []
    with committed():
        translation = condition.translations.get(language_code="ru")
        translation.translation_ready = True
        translation.save()
    assert urls(client, "окапиоз", "ru") == ["/ru/conditions/okapiosis/"]


# --- rows of a page -----------------------------------------------------------------------------

def test_a_row_makes_its_page_findable_by_its_words_until_it_is_deleted(client, committed):
    with committed():
        condition = make_condition(name="Okapiosis", slug="okapiosis")
        symptom = make_symptom(condition, name="Tiredness", explanation="Feeling tired.")
    assert urls(client, "tapirocytosis") == []
    with committed():
        symptom.explanation = "Tiredness from tapirocytosis, a shortage of red cells."
        symptom.save()
    assert urls(client, "tapirocytosis") == ["/en/conditions/okapiosis/"]
    with committed():
        symptom.delete()
    assert urls(client, "tapirocytosis") == []
    assert urls(client, "okapiosis") == ["/en/conditions/okapiosis/"]


def test_a_glossary_term_is_a_result_of_its_own_linking_to_the_words_on_the_page(client, committed):
    with committed():
        condition = make_condition(name="Okapiosis", slug="okapiosis")
        make_glossary_term(condition, term="Paraproteinosis", explanation="Too much of one abnormal antibody.")
    results = found(client, "paraproteinosis")
    assert ("Word explained", "Paraproteinosis", "/en/conditions/okapiosis/#words") in results
    assert "/en/conditions/okapiosis/" in [url for _kind, _title, url in results]
    page = client.get("/en/conditions/okapiosis/").content.decode()
    assert 'id="words"' in page and "Paraproteinosis" in page


def test_a_doctor_is_found_by_another_spelling_of_the_name(client, committed):
    with committed():
        doctor = make_doctor(name="Sū Lì", slug="su-li")
    assert urls(client, "Li Su") == []
    with committed():
        doctor.aliases = "Li Su"
        doctor.save()
    assert found(client, "Li Su") == [("Doctor", "Sū Lì", "/en/doctors/su-li/")]
    assert urls(client, "Sū Lì") == ["/en/doctors/su-li/"]


# --- rebuilding ---------------------------------------------------------------------------------

def snapshot():
    return sorted(SearchDocument.objects.values_list("kind", "page_key", "language", "url", "title", "text",
                                                     "title_terms", "body_terms"))


def test_rebuilding_gives_what_the_changes_gave_one_by_one(client, committed):
    with committed():
        loader.load()
        make_condition(name="Draft okapiosis", slug="draft-okapiosis", is_published=False)
    incremental = snapshot()
    assert {language for _k, _p, language, *_rest in incremental} == {"en", "ru", "zh-hans"}
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert out.getvalue().strip() == f"{len(incremental)} search documents"
    assert snapshot() == incremental
    assert urls(client, "myeloma")[0] == "/en/conditions/multiple-myeloma/"
    assert urls(client, "okapiosis") == []


# --- application bugs these prove ---------------------------------------------------------------

def test_a_rolled_back_save_does_not_stop_the_index_following_content(client, committed):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_condition(name="Rolled back", slug="rolled-back")
        raise RuntimeError("the editor's save failed")
    with committed():
        make_condition(name="Okapiosis", slug="okapiosis")
    assert urls(client, "okapiosis") == ["/en/conditions/okapiosis/"]


@pytest.mark.django_db(transaction=True)
def test_a_save_outside_a_transaction_is_indexed_at_once(client):
    make_condition(name="Okapiosis", slug="okapiosis")
    assert urls(client, "okapiosis") == ["/en/conditions/okapiosis/"]


def test_on_sqlite_each_language_is_matched_in_a_table_of_its_own(settings):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 tables; PostgreSQL matches on the documents' own column")

    def languages_matching(term):
        with connection.cursor() as cursor:
            return {code for code, _name in settings.LANGUAGES
                    if cursor.execute(SQLITE_MATCH.format(table=sqlite_index_table(code)), [term, 10]).fetchall()}

    document = SearchDocument.objects.create(kind="stories.patientstory", page_key="stories.patientstory:9",
                                             language="ru", url="/ru/stories/x/", title="Quokka", text="",
                                             title_terms="quokka", body_terms="")
    assert languages_matching("quokka") == {"ru"}
    document.language = "zh-hans"
    document.save()
    assert languages_matching("quokka") == {"zh-hans"}
    document.title_terms = "wombat"
    document.save()
    assert (languages_matching("quokka"), languages_matching("wombat")) == (set(), {"zh-hans"})
    document.delete()
    assert languages_matching("wombat") == set()
