"""Loaded with `-p tests.pytest_env` before Django's settings: the environment tests run in.

Tests speak plain HTTP to the test client and the live server, and no collectstatic runs, so the
HTTPS-only defaults and the manifest storage are switched off here; everything else is as in production.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "fuyuan-tests-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(name, "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("WHITENOISE_USE_FINDERS", "true")
os.environ.setdefault("EMAIL_URL", "consolemail://")
# Outbox deliveries run right after the commit that wrote them; worker tests call the worker themselves.
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
# Two-factor sign-in is required in production for the administrators and the office; the existing journeys
# sign in with a password only, so tests switch it off and tests/security/test_two_factor.py switches it on.
os.environ.setdefault("OTP_REQUIRED_ROLES", "")
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from it are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Uploads from tests land in a throw-away folder, never in the project's media/.
if "MEDIA_ROOT" not in os.environ:
    import tempfile

    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="fuyuan-test-media-")
