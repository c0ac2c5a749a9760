"""The page cache in Redis, as several app servers share it: an edit clears it for all of them,
and a Redis outage serves pages uncached instead of failing (django-redis IGNORE_EXCEPTIONS)."""

import shutil

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from bench.cluster import REDIS_SERVER, RedisServer
from tests.factories import make_condition

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which(REDIS_SERVER), reason="redis-server is not installed"),
]


@pytest.fixture
def redis_server():
    """A redis-server of the test's own on a spare port: stopping it never touches the machine's."""
    with RedisServer() as server:
        yield server


@pytest.fixture
def redis_page_cache(settings, redis_server):
    def use(**options):
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_server.url,
                      "OPTIONS": {**settings.PAGE_CACHE_REDIS_OPTIONS, **options}},
        }
        return caches["pages"]

    return use


def test_pages_are_stored_in_redis_and_an_edit_makes_them_stale_for_every_app_server(
        redis_page_cache, redis_server, transactional_db):
    redis_page_cache()
    condition = make_condition(overview="Before the edit.")
    url = condition.get_absolute_url()
    visitor = Client()
    assert visitor.get(url)["X-Page-Cache"] == "miss"
    assert visitor.get(url)["X-Page-Cache"] == "hit"
    # What another app server sees: the same Redis, through its own connection.
    other_server = redis.Redis.from_url(redis_server.url)
    version_key = other_server.keys("*table-version:conditions_condition_translation")[0]
    version_before = other_server.get(version_key)

    condition.set_current_language("en")
    condition.overview = "After the edit."
    condition.save()

    assert other_server.get(version_key) != version_before
    response = visitor.get(url)
    assert response["X-Page-Cache"] == "miss" and "After the edit." in response.content.decode()


def test_with_redis_stopped_pages_are_served_uncached_and_edits_still_save(
        redis_page_cache, redis_server, transactional_db):
    redis_page_cache()
    condition = make_condition(overview="Readable without Redis.")
    url = condition.get_absolute_url()
    Client().get(url)
    redis_server.stop()

    for _ in range(2):
        response = Client().get(url)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"
        assert "Readable without Redis." in response.content.decode()
    condition.set_current_language("en")
    condition.overview = "Edited while Redis was down."
    condition.save()  # clearing the cache fails quietly; the edit is kept
    assert "Edited while Redis was down." in Client().get(url).content.decode()


def test_without_ignore_exceptions_a_redis_outage_would_break_every_page(redis_page_cache, redis_server):
    """Why the setting matters: the same outage, without it, is an error on every anonymous page."""
    redis_page_cache(IGNORE_EXCEPTIONS=False)
    condition = make_condition()
    redis_server.stop()
    with pytest.raises(redis.exceptions.ConnectionError):
        Client(raise_request_exception=True).get(condition.get_absolute_url())
