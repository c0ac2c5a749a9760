"""Site search as a reader meets it: the form in every page's header, results in their own
language with a kind, a link and a highlighted passage, honest empty pages, paging, whatever
is typed answered with a normal page, constant queries, never in the shared page cache (a query
asked again is answered from its kept results while the index is unchanged)."""

import json
import re

import pytest
from django.test import Client
from lxml import html as lxml_html

from search import query
from search.index import rebuild
from search.models import SearchDocument
from tests.conftest import stored_pages
from tests.factories import make_condition, make_story, translate

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ru", "zh-hans"]
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")


def parse(response):
    return lxml_html.fromstring(response.content.decode())


def text_of(element):
    return " ".join(element.text_content().split())


def main_of(doc):
    mains = doc.xpath("//main")
    assert len(mains) == 1
    return mains[0]


def results(response):
    """The results listed on a results page: kind, title, link and the snippet's HTML and marked words."""
    found = []
    for item in parse(response).xpath("//main//li[contains(@class, 'search-result')]"):
        links = item.xpath(".//*[contains(@class, 'search-result__title')]//a")
        kind = item.xpath(".//*[contains(@class, 'search-result__kind')]")
        snippet = item.xpath(".//*[contains(@class, 'search-result__snippet')]")
        assert len(links) == 1 and len(kind) == 1 and len(snippet) == 1, lxml_html.tostring(item, encoding=str)
        found.append({
            "kind": text_of(kind[0]), "title": text_of(links[0]), "url": links[0].get("href"),
            "snippet": lxml_html.tostring(snippet[0], encoding=str),
            "marked": [text_of(mark) for mark in snippet[0].xpath(".//mark")],
        })
    return found


def status_message(response):
    """What the page says about the search (its role=status region)."""
    regions = parse(response).xpath("//main//*[@role='status']")
    return " ".join(text_of(region) for region in regions)


def result_count(response):
    counted = re.search(r"(\d+) results for", status_message(response))
    assert counted, status_message(response)
    return int(counted.group(1))


def search_input_value(response):
    inputs = parse(response).xpath("//main//form[@role='search']//input[@name='q']")
    assert len(inputs) == 1
    return inputs[0]


def search(client, query, language="en", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200, f"{query!r}: {response.status_code}"
    return response


def found_urls(client, query, language="en"):
    return [result["url"] for result in results(search(client, query, language))]


# --- the form in the header ---------------------------------------------------------------------

PUBLIC_PAGES = [("home", "/{language}/", 200), ("condition", "/{language}/conditions/multiple-myeloma/", 200),
                ("consult form", "/{language}/consult/", 200), ("404", "/{language}/no-such-page/", 404)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "path", "status"), PUBLIC_PAGES, ids=[page[0] for page in PUBLIC_PAGES])
def test_every_public_page_has_a_labelled_search_form_in_its_language(client, myeloma, language, name, path, status):
    response = client.get(path.format(language=language))
    assert response.status_code == status
    doc = parse(response)
    # One for wide screens and one in the phones' menu; only one of the two is ever displayed.
    forms = doc.xpath("//header//form[@role='search']")
    assert len(forms) == 2, f"{name}: not the two search forms of the header"
    for form in forms:
        check_search_form(doc, form, language, name)


def check_search_form(doc, form, language, name):
    assert form.get("method", "").lower() == "get"
    assert form.get("action") == f"/{language}/search/"
    inputs = form.xpath(".//input[@name='q']")
    assert len(inputs) == 1
    query = inputs[0]
    assert query.get("type") in ("search", "text")
    assert query.get("maxlength") == "200"
    labels = doc.xpath(f"//label[@for='{query.get('id')}']") if query.get("id") else []
    assert len(labels) == 1, f"{name}: the search input has no label"
    label = text_of(labels[0])
    assert label
    if language == "ru":
        assert CYRILLIC.search(label), f"the Russian page's search label is {label!r}"
    if language == "zh-hans":
        assert HAN.search(label), f"the Chinese page's search label is {label!r}"
    assert form.xpath(".//button[@type='submit']") or form.xpath(".//input[@type='submit']")


def test_the_search_form_keeps_the_home_page_in_the_shared_cache(page_cache):
    anonymous = Client()
    first = anonymous.get("/en/")
    second = anonymous.get("/en/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert parse(second).xpath("//header//form[@role='search'][@action='/en/search/']//input[@name='q']")


# --- results ------------------------------------------------------------------------------------

def assert_results_link_to_their_pages(client, found, language):
    for result in found:
        assert result["kind"], result
        assert result["url"].startswith(f"/{language}/"), result
        page = client.get(result["url"].split("#")[0])
        assert page.status_code == 200, result
        shown = parse(page)
        assert result["title"] in " ".join(shown.text_content().split()), result
        if language != "en":  # the page it links to is read in the reader's language, not shown in English
            assert not shown.xpath("//main//h1[@lang='en']"), f"{result['url']} is shown in English"


def test_english_results_have_a_kind_a_linked_title_and_the_word_marked(client, search_index):
    response = search(client, "myeloma")
    found = results(response)
    assert len(found) >= 5
    first = found[0]
    assert (first["kind"], first["title"], first["url"]) == ("Condition", "Multiple myeloma",
                                                              "/en/conditions/multiple-myeloma/")
    assert {"Condition", "Treatment", "Patient story"} <= {result["kind"] for result in found}
    for result in found:
        assert result["marked"], f"nothing is marked in {result['snippet']}"
        assert any(word.lower().startswith("myelom") for word in result["marked"]), result["snippet"]
        assert not CYRILLIC.search(result["title"]) and not HAN.search(result["title"]), result
    assert_results_link_to_their_pages(client, found, "en")
    assert "results for “myeloma”" in status_message(response)


def test_russian_results_are_the_russian_pages(client, search_index):
    found = results(search(client, "миелома", "ru"))
    assert len(found) >= 5
    assert (found[0]["kind"], found[0]["title"], found[0]["url"]) == (
        "Заболевание", "Множественная миелома", "/ru/conditions/multiple-myeloma/")
    for result in found:
        assert CYRILLIC.search(result["title"]), f"not a Russian title: {result}"
        assert CYRILLIC.search(result["kind"]), f"not a Russian kind: {result}"
        assert any(word.lower().startswith("миелом") for word in result["marked"]), result["snippet"]
    assert_results_link_to_their_pages(client, found, "ru")


def test_chinese_results_are_the_chinese_pages(client, search_index):
    found = results(search(client, "骨髓瘤", "zh-hans"))
    assert len(found) >= 5
    assert (found[0]["title"], found[0]["url"]) == ("多发性骨髓瘤", "/zh-hans/conditions/multiple-myeloma/")
    for result in found:  # (a doctor's name may be written in Latin letters in Chinese too)
        assert HAN.search(result["kind"]), f"not a Chinese kind: {result}"
        assert HAN.search(result["snippet"]), f"not a Chinese passage: {result}"
        assert "骨髓瘤" in result["marked"], result["snippet"]
    assert_results_link_to_their_pages(client, found, "zh-hans")


# --- only what a reader may see -----------------------------------------------------------------

def test_an_unpublished_condition_is_never_found(client, db):
    published = make_condition(name="Quokkafibrosis", slug="quokkafibrosis")
    draft = make_condition(name="Quokkafibrosis draft", slug="quokka-draft", is_published=False)
    rebuild()
    urls = found_urls(client, "Quokkafibrosis")
    assert published.get_absolute_url() in urls
    assert draft.get_absolute_url() not in urls
    assert urls == [published.get_absolute_url()]


def test_a_story_without_consent_on_file_is_never_found(client, myeloma):
    with_consent = make_story(myeloma, title="Wombatella recovered", slug="with-consent")
    without = make_story(myeloma, title="Wombatella without consent", slug="no-consent", consent_on_file=False)
    rebuild()
    urls = found_urls(client, "Wombatella")
    assert with_consent.get_absolute_url() in urls
    assert without.get_absolute_url() not in urls


def test_a_translation_not_marked_ready_is_not_searched_but_the_english_page_is(client, db):
    unready = make_condition(name="Xylofibrosis", slug="xylofibrosis", summary="A rare condition.")
    translate(unready, "ru", name="Ксилофиброз", summary="Редкое заболевание.", overview="Черновик перевода.",
              translation_ready=False)
    ready = make_condition(name="Xylofibrosis of the young", slug="young-xylofibrosis")
    translate(ready, "ru", name="Ксилофиброз у молодых", summary="Редкое.", overview="Готовый перевод.")
    rebuild()
    russian = results(search(client, "Ксилофиброз", "ru"))
    assert [result["url"] for result in russian] == ["/ru/conditions/young-xylofibrosis/"]
    assert "Черновик" not in " ".join(result["snippet"] for result in russian)
    english = found_urls(client, "Xylofibrosis")
    assert "/en/conditions/xylofibrosis/" in english and "/en/conditions/young-xylofibrosis/" in english


# --- nothing found ------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "query"), [("en", "zzyzxqwv"), ("ru", "щщзызхк"), ("zh-hans", "龘靐")])
def test_nothing_found_says_so_and_shows_where_to_look_instead(client, search_index, language, query):
    response = search(client, query, language)
    assert results(response) == []
    message = status_message(response)
    assert query in message
    if language == "en":
        assert f"Nothing was found for “{query}”" in message
    links = [link.get("href") for link in main_of(parse(response)).xpath(".//a")]
    assert f"/{language}/conditions/" in links
    assert f"/{language}/consult/" in links


# --- paging -------------------------------------------------------------------------------------

def test_more_than_ten_results_are_paged(client, db):
    conditions = [make_condition(name=f"Narwhaloma type {number}", slug=f"narwhaloma-{number}")
                  for number in range(12)]
    rebuild()
    first = search(client, "narwhaloma")
    second = search(client, "narwhaloma", page="2")
    on_first, on_second = results(first), results(second)
    assert len(on_first) == 10 and len(on_second) == 2
    assert "12 results" in status_message(first)
    urls = [result["url"] for result in on_first + on_second]
    assert sorted(urls) == sorted(condition.get_absolute_url() for condition in conditions)
    next_links = parse(first).xpath("//main//a[@rel='next']")
    assert len(next_links) == 1 and "page=2" in next_links[0].get("href")
    assert "q=narwhaloma" in next_links[0].get("href")
    assert parse(second).xpath("//main//a[@rel='prev']")
    assert not parse(second).xpath("//main//a[@rel='next']")


def test_a_title_and_a_text_that_look_like_markup_are_shown_as_text(client, db):
    make_condition(name='Narwhaloma <b>"bold"</b> & co', slug="narwhaloma",
                   overview="Narwhaloma is rare: fewer than 1 in 10 & less.")
    rebuild()
    response = search(client, "narwhaloma")
    body = response.content.decode()
    assert "<script>alert(1)" not in body and "<b>" not in body
    (found,) = results(response)
    assert found["title"] == 'Narwhaloma <b>"bold"</b> & co' and found["kind"] == "Condition"
    assert found["marked"] == ["Narwhaloma"] and "fewer than 1 in 10 &amp; less." in found["snippet"]


def test_a_page_deleted_after_it_was_found_is_left_out_of_the_results(client, db, monkeypatch):
    kept, deleted = (make_condition(name=f"Narwhaloma type {number}", slug=f"narwhaloma-{number}")
                     for number in range(2))
    rebuild()
    found_before = query.search("narwhaloma", "en")

    def found_then_deleted(*args):
        # Deleted between the search and reading the page of results it found (its documents
        # go when the deletion commits, which a test's transaction never does).
        SearchDocument.objects.filter(url=deleted.get_absolute_url()).delete()
        return found_before

    monkeypatch.setattr("search.views.search", found_then_deleted)
    response = search(client, "narwhaloma")
    assert response.status_code == 200
    assert [result["url"] for result in results(response)] == [kept.get_absolute_url()]


def test_a_long_text_gives_a_snippet_cut_on_both_sides(client, db):
    filler = "Plain words about nothing in particular. " * 450  # 18,450 characters
    make_condition(name="Narwhaloma", slug="narwhaloma", summary="A rare condition.",
                   overview=f"{filler}The zebrafin test is named here. {filler}")
    rebuild()
    [result] = results(search(client, "zebrafin"))
    snippet = " ".join(lxml_html.fromstring(result["snippet"]).text_content().split())
    assert result["marked"] == ["zebrafin"]
    assert snippet.startswith("…") and snippet.endswith("…") and len(snippet) < 250, snippet


@pytest.mark.parametrize("page", ["999", "abc", "0", "-1", "2.5", ""])
def test_any_page_number_is_a_normal_page(client, db, page):
    for number in range(12):
        make_condition(name=f"Narwhaloma type {number}", slug=f"narwhaloma-{number}")
    rebuild()
    response = search(client, "narwhaloma", page=page)
    assert 1 <= len(results(response)) <= 10


# --- whatever is typed --------------------------------------------------------------------------

BAD_QUERIES = {
    "empty": "",
    "spaces": "   ",
    "1000 characters": "myeloma " + "x" * 992,
    "punctuation": "!!!...???,;:--",
    "quote": '"', "star": "*", "NEAR": "NEAR", "OR": "OR", "minus": "-", "AND": "AND", "NOT": "NOT",
    "open bracket": "(", "close bracket": ")", "caret": "^", "colon": ":",
    "FTS syntax": 'myeloma NEAR(a b) OR "car* AND -NOT ^x title_terms:y',
    "unbalanced quote": '"myeloma',
    "tsquery syntax": "myeloma & !x | (y <-> z):*",
    "SQL": "'; DROP TABLE search_searchdocument; --",
    "mixed scripts": "CAR-T 骨髓瘤 миелома",
    "NUL": "\x00",
    "NUL inside": "myel\x00oma",
    "backslash": "\\",
    "percent": "%_%",
}


@pytest.mark.parametrize("query", list(BAD_QUERIES.values()), ids=list(BAD_QUERIES))
def test_whatever_is_typed_gets_a_normal_page(client, search_index, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>" in body and 'role="search"' in body
    # The database is untouched: the index still answers.
    assert results(search(client, "myeloma"))


def test_the_sql_fragment_is_just_words(client, search_index):
    search(client, "'; DROP TABLE search_searchdocument; --")
    assert found_urls(client, "myeloma")[0] == "/en/conditions/multiple-myeloma/"


def test_a_mixed_script_query_finds_what_has_every_word(client, search_index):
    urls = found_urls(client, "CAR-T 骨髓瘤 миелома")
    assert urls and all(url.startswith("/en/") for url in urls)
    assert "/en/conditions/multiple-myeloma/" in urls


def test_a_very_long_query_is_cut_to_what_the_input_holds(client, search_index):
    typed = "myeloma " + "x" * 992
    response = search(client, typed)
    field = search_input_value(response)
    assert field.get("maxlength") == "200"
    value = field.get("value")
    assert value and typed.startswith(value) and len(value) <= 200, (
        f"the input is given back {len(value or '')} characters though it holds 200")
    assert "x" * 201 not in status_message(response), "the page names a query longer than was searched"


@pytest.mark.parametrize("raw", ["q=%E0%A4%A", "q=%ff%fe", "q=%00", "q=myeloma%E0&page=%E0", "q", "q=a&q=b"])
def test_raw_query_strings_never_break_the_page(client, search_index, raw):
    response = client.get(f"/en/search/?{raw}")
    assert response.status_code in (200, 400), response.status_code


def test_what_was_typed_is_given_back_escaped(client, search_index):
    typed = "<script>alert(1)</script> myeloma"
    response = search(client, typed)
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert search_input_value(response).get("value") == typed
    assert typed in status_message(response)
    quote = search(client, '"><img src=x onerror=alert(1)>')
    assert "<img src=x" not in quote.content.decode()
    assert not parse(quote).xpath("//img[@onerror]")


# --- cost and caching ---------------------------------------------------------------------------

def test_queries_per_search_stay_constant_however_many_match(client, search_index, count_queries):
    url = "/en/search/?q=myeloma"
    cold = count_queries(url)  # just after the index was built
    warm = count_queries(url)
    before = result_count(client.get(url))
    for number in range(30):
        make_condition(name=f"Myeloma variant {number}", slug=f"myeloma-variant-{number}",
                       summary="A kind of myeloma.")
    rebuild()
    assert count_queries(url) == cold
    assert count_queries(url) == warm
    assert count_queries(url + "&page=3") == warm
    assert result_count(client.get(url)) == before + 30


def test_results_are_private_to_the_browser_and_never_in_the_shared_cache(page_cache, search_index):
    anonymous = Client()
    first = anonymous.get("/en/search/?q=myeloma")
    second = anonymous.get("/en/search/?q=myeloma")
    assert first.status_code == second.status_code == 200
    for response in (first, second):
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        assert response.get("X-Page-Cache") != "hit"
    assert len(stored_pages(page_cache)) == 0
    assert '<meta name="robots" content="noindex">' in second.content.decode()


def test_results_are_never_looked_up_in_the_shared_cache_and_stray_parameters_are_dropped(page_cache, search_index,
                                                                                           monkeypatch):
    looked_up, get = [], page_cache.get

    def counting_get(key, *args, **kwargs):
        if ":fragment:" not in key and not key.startswith(("table-version:", "content-version")):
            looked_up.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(page_cache, "get", counting_get)
    anonymous = Client()
    assert anonymous.get("/en/search/?q=myeloma").status_code == 200
    assert looked_up == []
    stray = anonymous.get("/en/search/?q=myeloma&utm_source=newsletter")
    assert stray.status_code == 302 and stray["Location"] == "/en/search/?q=myeloma"
    anonymous.get("/en/")
    assert len(looked_up) == 1  # a page the cache does store is looked up


def test_a_search_asked_again_runs_no_query_until_the_index_changes(page_cache, transactional_db,
                                                                     django_assert_num_queries):
    for number in range(2):
        make_condition(name=f"Myeloma variant {number}", slug=f"myeloma-variant-{number}")
    visitor = Client()
    url = "/en/search/?q=myeloma"
    for _asked in range(2):  # kept from its second asking
        assert result_count(visitor.get(url)) == 2
    with django_assert_num_queries(0):  # its results are kept, as current as the index
        assert result_count(visitor.get(url)) == 2
    make_condition(name="Myeloma variant 2", slug="myeloma-variant-2")  # indexed as it is saved
    assert result_count(visitor.get(url)) == 3
    assert result_count(visitor.get(url + "&page=1")) == 3


def test_a_search_that_found_nothing_finds_a_page_saved_since(page_cache, transactional_db):
    make_condition(name="Myeloma variant", slug="myeloma-variant")
    query.search("myeloma", "en")  # the vocabulary is read already: no request of the visitor's reads it
    visitor = Client()
    for _asked in range(3):  # a word no page has: kept from its second asking
        assert "Nothing was found" in visitor.get("/en/search/?q=quokkaform").content.decode()
    # Only the index is written (a page the results page itself never reads, such as a story, was saved).
    SearchDocument.objects.create(kind="stories.patientstory", page_key="stories.patientstory:9", language="en",
                                  url="/en/stories/quokkaform/", title="Quokkaform", text="A quokkaform story.",
                                  title_terms="quokkaform", body_terms="a quokkaform stori")
    assert status_message(visitor.get("/en/search/?q=quokkaform")).startswith("One result for")


def test_a_search_asked_once_keeps_nothing_in_the_page_cache(page_cache, search_index):
    def kept_fragments():
        return {key for key in page_cache._cache if ":fragment:" in key}

    visitor = Client()
    visitor.get("/en/search/")  # the page's other fragments, kept for every search
    before = kept_fragments()
    for page in range(1, 4):
        assert visitor.get(f"/en/search/?q=myeloma&page={page}").status_code == 200
    assert kept_fragments() == before
    visitor.get("/en/search/?q=myeloma&page=2")
    assert len(kept_fragments() - before) == 1


def test_a_new_search_reads_the_vocabulary_kept_while_the_index_is_unchanged(page_cache, transactional_db,
                                                                              django_assert_num_queries):
    for number in range(2):
        make_condition(name=f"Myeloma variant {number}", slug=f"myeloma-variant-{number}")
    visitor = Client()
    assert result_count(visitor.get("/en/search/?q=myeloma")) == 2
    # Another query: the search and its page's texts, but no query for the words the index knows.
    with django_assert_num_queries(2):
        assert result_count(visitor.get("/en/search/?q=variant")) == 2
    for number in range(2):
        make_condition(name=f"Quokkaform variant {number}", slug=f"quokkaform-variant-{number}")
    # A misspelling of a word only the new pages have: corrected, so the vocabulary followed the saves.
    assert result_count(visitor.get("/en/search/?q=quokaform")) == 2


def test_an_empty_search_page_is_not_indexed_either(client, db):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.content.decode()


# --- structured data ----------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_tells_search_engines_how_to_search_the_site(client, settings, language):
    settings.SITE_URL = "https://www.example.org"
    body = client.get(f"/{language}/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert len(blocks) == 1
    graph = json.loads(blocks[0])["@graph"]
    actions = [item["potentialAction"] for item in graph
               if isinstance(item.get("potentialAction"), dict) and item["potentialAction"]["@type"] == "SearchAction"]
    assert len(actions) == 1, f"no SearchAction in {graph}"
    target = actions[0]["target"]
    template = target["urlTemplate"] if isinstance(target, dict) else target
    assert template == f"https://www.example.org/{language}/search/?q={{search_term_string}}"
    assert "name=search_term_string" in actions[0]["query-input"]


def test_language_links_on_search_results_carry_the_query_asked(page_cache, search_index):
    visitor = Client()
    visitor.get("/en/search/?q=myeloma")
    html = visitor.get("/en/search/?q=transplant").content.decode()
    assert 'href="/ru/search/?q=transplant"' in html and "q=myeloma" not in html
