"""One run at a time across app servers: a PostgreSQL advisory lock around scheduled commands.

Two servers with the same cron line both start `scan_deadlines`; the second waits for the first and then
finds nothing left to send. SQLite is one server by definition (and serialises its writers), so there
the lock is a no-op.
"""

import contextlib
import zlib

from django.db import connection


def lock_id(name: str) -> int:
    """A stable 31-bit key for `name` (the same on every server and Python version)."""
    return zlib.crc32(f"fuyuan:{name}".encode()) & 0x7FFFFFFF


@contextlib.contextmanager
def advisory_lock(name: str):
    """Hold a session-level advisory lock named `name` for the block (waits while another holder runs)."""
    if connection.vendor != "postgresql":
        yield
        return
    key = lock_id(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
