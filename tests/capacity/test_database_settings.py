"""PostgreSQL runs the application's queries without JIT compilation (it costs more than it saves here)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_jit_is_off_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_redis_url_puts_the_cache_and_session_reads_in_redis():
    """With REDIS_URL (several app servers) the cache is Redis, shared by every process; without it, no Redis."""
    import os
    import socket
    import subprocess
    import sys
    from pathlib import Path

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    script = ("import django; django.setup(); from django.conf import settings; from django.core.cache import cache; "
              "cache.set('fuyuan-test', 42, 10); "
              "print(settings.CACHES['default']['BACKEND'].rsplit('.', 1)[1], cache.get('fuyuan-test'), "
              "settings.SESSION_ENGINE)")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fuyuan.settings", "REDIS_URL": "redis://127.0.0.1:6379/15"}
    out = subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["RedisCache", "42", "django.contrib.sessions.backends.cached_db"]
    env.pop("REDIS_URL")
    out = subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split()[0] != "RedisCache"
