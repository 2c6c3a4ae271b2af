"""Django's Redis cache (REDIS_URL), making its redis client once per connection pool instead of on every call.

Django's RedisCacheClient.get_client() builds a new `redis.Redis` around the (kept) connection pool for each cache
operation; redis-py's constructor copies its table of ~170 response callbacks, so reading one key cost ~740
Python calls, ~540 of them that constructor — and with REDIS_URL every signed-in request reads its session
through the cache (cached_db). A redis.Redis over a pool is safe to reuse (it takes a connection from the pool
per command), and Django's caches are per thread anyway. Everything else is Django's: the pools, the serializer,
the options, the keys. This relies on RedisCacheClient's get_client() and _get_connection_pool(), a library
internal: tests/capacity/test_redis_cache.py (with a Redis on 127.0.0.1:6379) fails if they change.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # id(pool) → redis.Redis; the pools live in self._pools as long as this client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = super().get_client(key, write=write)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
