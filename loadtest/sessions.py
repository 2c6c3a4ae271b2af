"""Signed-in sessions for the load test and the profiler, made without 50 password hashes.

Each account gets one session as its sign-in would leave it: authenticated, and for a role that must use a
second factor (OTP_REQUIRED_ROLES, the office in production) verified with a confirmed authenticator, so
that every request pays what a real session pays (django-otp loads the device on each request).

    DATABASE_URL=… python loadtest/sessions.py   # prints {"sessions": {username: key}, "tasks": {username: [id…]}}
"""

import json
import os
import sys
from importlib import import_module
from pathlib import Path

ACCOUNTS = ("office", "leader", "gaj", "czj", "sfj", "scjgj", "glt")


def production_like_django():
    """Set Django up as the server runs it (DEBUG off, production's storage and checks), for a profiler run in this
    process through the test client: hosts and plain HTTP allowed, mail to the console. Values already in the
    environment win."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fuyuan.settings")
    for key, value in {"DEBUG": "false", "ALLOWED_HOSTS": "testserver,127.0.0.1", "SECURE_SSL_REDIRECT": "false",
                       "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false", "SECURE_HSTS_SECONDS": "0",
                       "EMAIL_URL": "consolemail://", "WHITENOISE_USE_FINDERS": "true",
                       "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage"}.items():
        os.environ.setdefault(key, value)
    import django

    django.setup()


def signed_in_sessions(usernames=ACCOUNTS) -> dict[str, str]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from fuyuan.accounts import otp
    from fuyuan.accounts.models import User

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for user in User.objects.filter(username__in=usernames):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if otp.required(user) or otp.user_has_device(user):
            device = (TOTPDevice.objects.filter(user=user, confirmed=True).first()
                      or TOTPDevice.objects.create(user=user, name="load test", confirmed=True))
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.create()
        keys[user.username] = session.session_key
    return keys


def visible_tasks(usernames=ACCOUNTS) -> dict[str, list[int]]:
    """The items each account's ledger lists (the ones its simulated users open), without a request for them."""
    from fuyuan.accounts.models import User
    from tasks.models import Task

    return {user.username: list(Task.objects.visible_to(user).order_by("pk").values_list("pk", flat=True)[:200])
            for user in User.objects.filter(username__in=usernames)}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fuyuan.settings")
    import django

    django.setup()
    print(json.dumps({"sessions": signed_in_sessions(), "tasks": visible_tasks()}))
