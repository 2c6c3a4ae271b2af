"""Sessions in the database, read with one plain statement; ending every session of one account.

SESSION_ENGINE is this module (without Redis): Django's database session store, whose load() reads the row with
a plain SELECT instead of building `Session.objects.get(...)` through the ORM on every request (~800 Python calls
to compile and run a two-condition lookup, a fifth of what a signed-in request costs before its page). The row,
the expiry test and the decoding are Django's: a session whose row is gone or whose expire_date has passed loads
empty and loses its key, exactly as in django.contrib.sessions.backends.db, so the account is signed out. Writes
(create, save, delete, cycle_key) stay Django's.
"""

import functools
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self):
        using = router.db_for_read(self.model)  # where Session.objects.get() would read
        connection = connections[using]
        # The expiry as the ORM would send it (on SQLite, text in the stored form).
        now = self.model._meta.get_field("expire_date").get_db_prep_value(timezone.now(), connection)
        with connection.cursor() as cursor:
            cursor.execute(_select_data(self.model, using), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:  # no such session, or expired: as Django's, the key is dropped and the session is empty
            self._session_key = None
            return {}
        return self.decode(row[0])


@functools.cache
def _select_data(model, using) -> str:
    """The live session's data by key: what `Session.objects.get(session_key=…, expire_date__gt=now)` reads."""
    meta = model._meta
    quote = connections[using].ops.quote_name
    column = {name: quote(meta.get_field(name).column) for name in ("session_key", "session_data", "expire_date")}
    return (f"SELECT {column['session_data']} FROM {quote(meta.db_table)} "
            f"WHERE {column['session_key']} = %s AND {column['expire_date']} > %s")


def end_sessions(account) -> int:
    """Delete every live session signed in as `account`, in the database and in the cache (cached_db): each
    of its browsers is sent to the sign-in page on its next request. Returns how many were ended.

    Sessions are not indexed by account, so the live ones are read and decoded: a security administrator's
    action, rare, over at most a few thousand rows.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    account_id = str(account.pk)
    ended = 0
    for session in (store.get_model_class().objects.filter(expire_date__gt=timezone.now())
                    .only("session_key", "session_data").iterator()):
        if store().decode(session.session_data).get(SESSION_KEY) == account_id:
            store(session.session_key).delete()
            ended += 1
    return ended
