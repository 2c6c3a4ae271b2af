"""The Redis cache (REDIS_URL, fuyuan.lib.redis_cache): Django's, with its redis client made once per connection
pool. It stores and reads as Django's does, sessions read through it (cached_db) behave as before, and the client
is reused. Needs a Redis on 127.0.0.1:6379 (database 15, keys under a prefix of the test's own); skipped without."""

import socket
import uuid

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore
from django.core.cache import caches

from fuyuan.lib.redis_cache import RedisCache

URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_available():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")


@pytest.fixture
def cache(redis_available):
    cache = RedisCache(URL, {"KEY_PREFIX": f"fuyuan-test-{uuid.uuid4().hex}"})
    yield cache
    cache.delete_many(["a", "b", "n", "gone"])


def test_it_stores_and_reads_as_djangos(cache):
    assert cache.get("a") is None and cache.get("a", "default") == "default"
    cache.set("a", {"x": [1, "二"]}, 30)
    cache.set_many({"b": "值", "n": 1}, 30)
    assert cache.get("a") == {"x": [1, "二"]} and cache.get_many(["a", "b", "n"]) == {"a": {"x": [1, "二"]},
                                                                                          "b": "值", "n": 1}
    assert cache.incr("n") == 2 and cache.add("n", 5) is False and cache.touch("a", 60)
    cache.set("gone", 1, 30)
    cache.delete("gone")
    assert "gone" not in cache


def test_the_client_is_made_once_per_pool(cache):
    client = cache._cache.get_client()
    assert cache._cache.get_client() is client and cache._cache.get_client(write=True) is client  # one server
    cache.get("a")
    assert cache._cache.get_client() is client


@pytest.mark.django_db
def test_sessions_read_through_it_end_as_before(redis_available, settings, world):
    from django.contrib.auth import SESSION_KEY

    from fuyuan.accounts.sessions import end_sessions

    settings.CACHES = {**settings.CACHES, "sessions-test": {"BACKEND": "fuyuan.lib.redis_cache.RedisCache",
                                                          "LOCATION": URL,
                                                          "KEY_PREFIX": f"fuyuan-test-{uuid.uuid4().hex}"}}
    settings.SESSION_CACHE_ALIAS = "sessions-test"
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    gaj = world.user("gaj")
    session = CachedDbStore()
    session[SESSION_KEY] = str(gaj.pk)
    session.create()
    key = session.session_key
    assert CachedDbStore(key).load()[SESSION_KEY] == str(gaj.pk)  # from the cache
    assert caches["sessions-test"].get(CachedDbStore.cache_key_prefix + key) is not None
    assert end_sessions(gaj) == 1  # a reset second factor: gone from the database and the cache
    assert CachedDbStore(key).load() == {}
    assert caches["sessions-test"].get(CachedDbStore.cache_key_prefix + key) is None
