"""Ending every session of one account (a security administrator's reset of its second factor)."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone


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
