"""A session idle for longer than the limit ends; activity within it keeps the user signed in."""

import time

from django.urls import reverse

from fuyuan.accounts.middleware import SESSION_LAST_SEEN


def _age_session(client, seconds):
    session = client.session
    session[SESSION_LAST_SEEN] = time.time() - seconds
    session.save()


def test_idle_session_is_signed_out(world, settings):
    client = world.client("office")
    assert client.get(reverse("home")).status_code == 200
    _age_session(client, settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 + 5)
    response = client.get(reverse("units:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302  # really signed out


def test_activity_within_the_limit_keeps_the_session(world, settings):
    client = world.client("office")
    client.get(reverse("home"))
    _age_session(client, settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 - 60)
    assert client.get(reverse("units:list")).status_code == 200


def test_idle_sign_out_is_audited(world, settings):
    from auditlog.models import LogEntry

    client = world.client("office")
    client.get(reverse("home"))
    _age_session(client, settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 + 5)
    client.get(reverse("home"))
    assert LogEntry.objects.filter(additional_data__event="session_timeout", actor=world.user("office")).exists()
