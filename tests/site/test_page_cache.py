"""The shared page cache: anonymous visitors get stored pages, staff and forms never do,
content changes clear it, and only the addresses a view declares are stored."""

import gzip
import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from core import content_versions, fragments
from core.models import RenderLock
from tests.conftest import stored_pages
from tests.factories import make_condition, make_doctor, make_story

from .security_headers import assert_security_headers

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_served_from_the_cache(page_cache):
    condition = make_condition()
    client = Client()
    first = client.get(condition.get_absolute_url())
    second = client.get(condition.get_absolute_url())
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "max-age=60" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert_security_headers(second)


def test_cached_pages_are_compressed_for_clients_that_accept_it(page_cache):
    make_condition()
    client = Client()
    plain = client.get("/en/conditions/")
    client.get("/en/conditions/", HTTP_ACCEPT_ENCODING="gzip, br")
    gzipped = client.get("/en/conditions/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert gzipped["X-Page-Cache"] == "hit"
    assert gzipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in gzipped["Vary"]


def test_staff_never_get_the_shared_cache(page_cache, staff_client):
    condition = make_condition(overview="What every visitor read first.")
    url = condition.get_absolute_url()
    anonymous = Client()
    anonymous.get(url)
    assert anonymous.get(url)["X-Page-Cache"] == "hit"  # the page is in the shared cache

    response = staff_client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # the cache was not even consulted
    assert "What every visitor read first." in response.content.decode()
    assert anonymous.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("path", ["/en/consult/", "/healthz"])
def test_form_and_health_check_are_never_cached(page_cache, path):
    client = Client()
    assert "X-Page-Cache" not in client.get(path)
    response = client.get(path)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert len(stored_pages(page_cache)) == 0


def test_list_pages_with_a_declared_query_parameter_are_cached(page_cache):
    client = Client()
    first = client.get("/en/stories/?page=abc")
    second = client.get("/en/stories/?page=abc")
    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"


def test_admin_save_invalidates_the_cache(page_cache, staff_client, transactional_db):
    condition = make_condition(summary="Old summary for the card.")
    anonymous = Client()
    anonymous.get("/en/conditions/")
    assert anonymous.get("/en/conditions/")["X-Page-Cache"] == "hit"
    url = reverse("admin:conditions_condition_change", args=[condition.pk])
    form = {
        "name": condition.name, "slug": condition.slug, "summary": "New summary, just saved.",
        "overview": "An overview.", "is_published": "on", "position": 0,
        **{f"{prefix}-{k}": v for prefix in ("symptoms", "condition_treatments", "outcome_statistics", "reasons",
                                             "glossary_terms", "records_to_send")
           for k, v in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))},
    }
    response = staff_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    fresh = anonymous.get("/en/conditions/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "New summary, just saved." in fresh.content.decode()


def test_unpublishing_removes_the_page_at_once(page_cache, transactional_db):
    condition = make_condition()
    client = Client()
    client.get(condition.get_absolute_url())
    condition.is_published = False
    condition.save()
    assert client.get(condition.get_absolute_url()).status_code == 404


# --- only the addresses a view declares are stored ---

def test_random_query_parameters_never_make_cache_entries(page_cache):
    anonymous = Client()
    for number in range(50):
        response = anonymous.get(f"/en/conditions/?utm_source={number}&x{number}=1")
        assert response.status_code == 302 and response["Location"] == "/en/conditions/"
    assert len(stored_pages(page_cache)) == 0
    assert anonymous.get("/en/conditions/").status_code == 200
    assert len(stored_pages(page_cache)) == 1


def test_a_view_keeps_the_parameters_it_declares(page_cache):
    anonymous = Client()
    response = anonymous.get("/en/stories/?page=2&country=Russia&fbclid=abc")
    assert response.status_code == 302
    assert response["Location"] == "/en/stories/?page=2&country=Russia"
    assert anonymous.get("/en/stories/?page=2&country=Russia").status_code == 200
    assert anonymous.get("/en/stories/?page=2&country=Russia")["X-Page-Cache"] == "hit"


def test_the_cache_key_follows_the_settings_that_shape_pages(page_cache):
    assert Client().get("/robots.txt")["X-Page-Cache"] == "miss"
    assert Client().get("/robots.txt")["X-Page-Cache"] == "hit"
    with override_settings(SITE_URL="https://www.gobroad.example"):
        moved = Client().get("/robots.txt")
    assert moved["X-Page-Cache"] == "miss"
    assert "Sitemap: https://www.gobroad.example/sitemap.xml" in moved.content.decode()


# --- proportionate invalidation and one render per crowd ---

def test_saving_a_story_leaves_pages_that_never_read_stories_cached(page_cache, transactional_db):
    condition = make_condition()
    story = make_story(condition)
    anonymous = Client()
    # The story page first: the footer it keeps, and the treatments page reuses, read no stories.
    for url in (story.get_absolute_url(), "/en/stories/", "/en/treatments/"):
        anonymous.get(url)
        assert anonymous.get(url)["X-Page-Cache"] == "hit"

    story.set_current_language("en")
    story.title = "A new title for the story"
    story.save()

    assert anonymous.get("/en/treatments/")["X-Page-Cache"] == "hit"
    for url in (story.get_absolute_url(), "/en/stories/"):
        response = anonymous.get(url)
        assert response["X-Page-Cache"] == "miss" and "A new title for the story" in response.content.decode()


def test_a_change_made_without_save_signals_still_makes_the_page_stale(page_cache, transactional_db):
    condition = make_condition(overview="What every visitor read first.")
    url = condition.get_absolute_url()
    anonymous = Client()
    anonymous.get(url)
    condition.translations.update(overview="Changed by a bulk update.")
    response = anonymous.get(url)
    assert response["X-Page-Cache"] == "miss" and "Changed by a bulk update." in response.content.decode()


def test_a_rolled_back_change_leaves_the_page_cached(page_cache, transactional_db):
    condition = make_condition(overview="Still true.")
    url = condition.get_absolute_url()
    anonymous = Client()
    anonymous.get(url)
    with pytest.raises(RuntimeError), transaction.atomic():
        condition.translations.update(overview="Never committed.")
        raise RuntimeError
    response = anonymous.get(url)
    assert response["X-Page-Cache"] == "hit" and "Still true." in response.content.decode()


def test_while_another_request_renders_a_stale_page_the_previous_copy_is_served(
        page_cache, monkeypatch, transactional_db):
    condition = make_condition(overview="The copy before the edit.")
    url = condition.get_absolute_url()
    anonymous = Client()
    anonymous.get(url)
    condition.translations.update(overview="The edit.")
    monkeypatch.setattr(RenderLock, "acquire", classmethod(lambda cls, key, seconds: False))
    response = anonymous.get(url)
    assert response["X-Page-Cache"] == "stale" and "The copy before the edit." in response.content.decode()


def test_a_page_stored_long_ago_is_rendered_again_even_if_nothing_changed(page_cache, settings):
    condition = make_condition()
    anonymous = Client()
    anonymous.get(condition.get_absolute_url())
    settings.PAGE_CACHE_SECONDS = 0
    assert anonymous.get(condition.get_absolute_url())["X-Page-Cache"] == "miss"


def test_pages_that_are_never_stored_cost_no_lock(page_cache, django_assert_num_queries):
    with django_assert_num_queries(1):  # /healthz's own query
        assert Client().get("/healthz").status_code == 200


def test_the_render_lock_is_held_once_and_given_up_when_its_holder_vanished(db):
    assert RenderLock.acquire("page", seconds=30)
    assert not RenderLock.acquire("page", seconds=30)
    RenderLock.objects.filter(key="page").update(expires_at=timezone.now() - timedelta(seconds=1))
    assert RenderLock.acquire("page", seconds=30)
    RenderLock.release("page")
    assert RenderLock.acquire("page", seconds=30)


# --- fragments: what a page rendered again reuses ---

def test_staff_see_an_edit_at_once_though_parts_of_pages_are_kept(
        page_cache, staff_client, transactional_db):
    condition = make_condition(overview="Before the edit.")
    url = condition.get_absolute_url()
    assert "Before the edit." in staff_client.get(url).content.decode()
    assert any(":fragment:" in key for key in page_cache._cache)
    condition.translations.update(overview="After the edit.")
    assert "After the edit." in staff_client.get(url).content.decode()


@pytest.mark.parametrize("url", ["condition", "/en/conditions/", "/en/stories/?page=2", "/en/doctors/"])
def test_a_page_rendered_again_reuses_its_unchanged_parts(page_cache, django_assert_max_num_queries, url):
    condition = make_condition()
    for _ in range(13):  # two pages of stories
        make_story(condition)
    make_doctor(conditions=[condition])  # the doctors' list names the condition they treat
    url = condition.get_absolute_url() if url == "condition" else url
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"  # the page cache steps aside; the fragments do not
    first = visitor.get(url).content.decode()
    # While the page's <main> is kept, not even the light look-up of a detail page or a list's count
    # of pages (and "not-a-session" is no session key to look up).
    with django_assert_max_num_queries(0):
        response = visitor.get(url)
    shown = response.content.decode().count(condition.name)
    assert response.status_code == 200 and shown == first.count(condition.name) > 0


def test_an_address_not_found_stays_not_found_and_a_page_published_there_later_has_its_own_title(
        page_cache, transactional_db):
    anonymous, with_session = Client(), Client()
    with_session.cookies["sessionid"] = "not-a-session"
    for visitor in (anonymous, with_session, anonymous, with_session):
        response = visitor.get("/en/conditions/not-yet/")
        assert response.status_code == 404 and "We cannot find this page" in response.content.decode()
    make_condition(name="Published later", slug="not-yet")
    for visitor in (anonymous, with_session):
        page = visitor.get("/en/conditions/not-yet/").content.decode()
        assert "<title>Published later" in page and "We cannot find this page" not in page


@pytest.mark.parametrize("change", ["unpublish", "delete"])
def test_a_page_whose_parts_are_kept_is_gone_at_once_when_unpublished_or_deleted(page_cache, transactional_db, change):
    condition = make_condition()
    url = condition.get_absolute_url()
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"
    assert visitor.get(url).status_code == 200
    if change == "unpublish":
        condition.is_published = False
        condition.save()
    else:
        condition.delete()
    response = visitor.get(url)
    assert response.status_code == 404 and condition.name not in response.content.decode()


def _reads_of_fragments(page_cache, monkeypatch):
    """The keys of the fragments read from the shared page cache, as they are read."""
    reads, get = [], page_cache.get

    def counting_get(key, *args, **kwargs):
        if ":fragment:" in key:
            reads.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(page_cache, "get", counting_get)
    return reads


def test_a_worker_reads_the_parts_of_a_page_from_the_page_cache_once(page_cache, monkeypatch):
    reads = _reads_of_fragments(page_cache, monkeypatch)
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"
    first = visitor.get("/en/consult/")  # its <main> holds the visitor's own tokens: rendered each time
    assert reads  # looked for, then rendered and kept
    reads.clear()
    again = visitor.get("/en/consult/")
    assert reads == []  # its <head>, breadcrumbs, menus and footer: from this worker's memory
    assert again.status_code == 200 and "site-footer" in again.content.decode()
    assert _hidden(again.content.decode(), "submission_token") != _hidden(first.content.decode(), "submission_token")


def test_a_part_kept_in_memory_is_rendered_again_once_its_tables_change(page_cache, transactional_db):
    condition = make_condition(overview="Before the edit.")
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"
    assert "Before the edit." in visitor.get(condition.get_absolute_url()).content.decode()
    condition.translations.update(overview="After the edit.")
    page = visitor.get(condition.get_absolute_url()).content.decode()
    assert "After the edit." in page and "Before the edit." not in page


def test_a_part_rendered_again_by_another_worker_is_read_from_the_page_cache_not_rendered_again(
        page_cache, transactional_db, monkeypatch, django_assert_max_num_queries):
    condition = make_condition(overview="Before the edit.")
    url = condition.get_absolute_url()
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"
    visitor.get(url)  # this worker keeps the page's parts in memory
    this_worker = fragments.recent
    condition.translations.update(overview="After the edit.")
    monkeypatch.setattr(fragments, "recent", fragments._Recent(fragments.RECENT))
    assert "After the edit." in visitor.get(url).content.decode()  # another worker renders them again
    monkeypatch.setattr(fragments, "recent", this_worker)
    with django_assert_max_num_queries(0):  # its stale copies in memory give way to the new ones
        page = visitor.get(url).content.decode()
    assert "After the edit." in page and "Before the edit." not in page


def test_a_part_kept_in_memory_is_rendered_again_after_page_cache_seconds(page_cache, settings, monkeypatch):
    condition = make_condition()
    url = condition.get_absolute_url()
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"
    visitor.get(url)
    reads = _reads_of_fragments(page_cache, monkeypatch)
    visitor.get(url)
    assert reads == []
    now = fragments.time.time()
    monkeypatch.setattr(fragments.time, "time", lambda: now + settings.PAGE_CACHE_SECONDS)
    visitor.get(url)
    assert reads  # too old in memory and in the page cache alike: rendered again


def _hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def test_the_consult_form_keeps_its_surroundings_but_each_visitor_gets_their_own_tokens(page_cache):
    first, second = Client(), Client()
    one = first.get("/en/consult/").content.decode()
    two = second.get("/en/consult/").content.decode()
    assert any(":fragment:" in key for key in page_cache._cache)
    assert _hidden(one, "csrfmiddlewaretoken") != _hidden(two, "csrfmiddlewaretoken")
    assert _hidden(one, "submission_token") != _hidden(two, "submission_token")
    refused = second.post("/en/consult/", {"full_name": "", "email": "not an email"}).content.decode()
    assert "<title>Error:" in refused and 'value="not an email"' in refused
    assert "<title>Error:" not in first.get("/en/consult/").content.decode()


def test_a_page_for_one_visitor_reuses_its_kept_parts_compressed_and_a_cached_page_is_compressed_whole(
        page_cache):
    condition = make_condition(overview="What every visitor reads first. " * 40)
    url = condition.get_absolute_url()
    visitor = Client(HTTP_ACCEPT_ENCODING="gzip")
    visitor.cookies["sessionid"] = "not-a-session"
    visitor.get(url)  # keeps the page's parts
    rendered = visitor.get(url)
    kept_parts = [page_cache.get(key.split(":", 2)[2]) for key in list(page_cache._cache) if ":fragment:" in key]
    pieces = [piece for _at, _from, htmls, compressed in kept_parts for piece in zip(htmls, compressed, strict=True)]
    main_html, main_compressed = max(pieces, key=lambda piece: len(piece[0]))  # <main>'s
    assert "What every visitor reads first." in main_html
    assert main_html.encode() in gzip.decompress(rendered.content)
    assert main_compressed in rendered.content  # not compressed again for this visitor

    anonymous = Client(HTTP_ACCEPT_ENCODING="gzip")
    stored = anonymous.get(url)
    assert stored["X-Page-Cache"] == "miss" and anonymous.get(url)["X-Page-Cache"] == "hit"
    assert main_compressed not in stored.content  # compressed whole, once, for every visitor
    assert len(stored.content) < len(rendered.content)
    without_nonces = re.compile(rb'nonce="[^"]*"')
    assert without_nonces.sub(b"", gzip.decompress(stored.content)) == \
        without_nonces.sub(b"", gzip.decompress(rendered.content))


def test_a_rendered_page_is_compressed_and_reads_back_whole(page_cache):
    make_condition()
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"
    plain = visitor.get("/en/conditions/").content
    gzipped = visitor.get("/en/conditions/", HTTP_ACCEPT_ENCODING="gzip")
    assert gzipped["Content-Encoding"] == "gzip" and int(gzipped["Content-Length"]) == len(gzipped.content)
    assert len(gzipped.content) < len(plain) / 2
    unzipped = gzip.decompress(gzipped.content)
    without_nonces = re.compile(rb'nonce="[^"]*"')
    assert without_nonces.sub(b"", unzipped) == without_nonces.sub(b"", plain)


def _render_in_a_request(source, **values):
    """`source` rendered as base.html is, in a request behind the page cache (so fragments are kept)."""
    request = RequestFactory().get("/en/")
    request.page_cache_prefix = "pages:test"
    with content_versions.recording():
        return Template(source if source.startswith("{% extends") else "{% load site_tags %}" + source).render(
            Context({"request": request, **values}))


KEPT_WITH_A_HOLE = ('{% fragment "test" "key" %}<p>{{ kept }}</p>{% hole %}<p>{{ asked }}</p>{% endhole %}'
                    "{% endfragment %}")


def test_a_fragment_kept_around_its_hole_renders_only_the_hole_again(page_cache):
    assert _render_in_a_request(KEPT_WITH_A_HOLE, kept="first", asked="one") == "<p>first</p><p>one</p>"
    assert _render_in_a_request(KEPT_WITH_A_HOLE, kept="second", asked="two") == "<p>first</p><p>two</p>"


def test_a_fragment_whose_hole_was_left_out_is_not_kept(page_cache):
    source = ('{% fragment "test" "key" %}<p>{{ kept }}</p>{% if show %}{% hole %}{{ asked }}{% endhole %}{% endif %}'
              "{% endfragment %}")
    assert _render_in_a_request(source, kept="first", show=False) == "<p>first</p>"
    assert _render_in_a_request(source, kept="second", show=True, asked="!") == "<p>second</p>!"


def test_a_hole_belongs_to_the_outermost_fragment():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load site_tags %}{% fragment "page" "key" %}{% fragment "inner" "key" %}{% hole %}x{% endhole %}'
                 "{% endfragment %}{% endfragment %}")


def test_a_hole_added_by_a_child_template_keeps_the_page_from_being_kept_never_from_being_right(page_cache):
    base = Template('{% load site_tags %}{% fragment "page" "key" %}<p>{{ kept }}</p>{% hole %}[{{ asked }}]'
                    "{% endhole %}{% block extra %}{% endblock %}{% endfragment %}")
    child = '{% extends base %}{% load site_tags %}{% block extra %}{% hole %}({{ asked }}){% endhole %}{% endblock %}'
    assert _render_in_a_request(child, base=base, kept="first", asked="one") == "<p>first</p>[one](one)"
    assert _render_in_a_request(child, base=base, kept="second", asked="two") == "<p>second</p>[two](two)"


def test_a_hole_cannot_hold_another():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load site_tags %}{% hole %}{% hole %}x{% endhole %}{% endhole %}')


def test_a_fragment_kept_with_other_holes_by_an_earlier_release_is_rendered_again(page_cache):
    assert _render_in_a_request(KEPT_WITH_A_HOLE, kept="first", asked="one") == "<p>first</p><p>one</p>"
    without_the_hole = '{% fragment "test" "key" %}<p>{{ kept }}</p>{% endfragment %}'
    assert _render_in_a_request(without_the_hole, kept="second") == "<p>second</p>"
