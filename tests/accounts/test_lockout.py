"""Five failed sign-ins lock the account for 15 minutes; other accounts are unaffected."""

import pytest
from django.urls import reverse

from fuyuan.accounts.demo import DEMO_PASSWORD


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failures_lock_the_account_even_with_the_right_password(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "gaj", "wrong-password")
        assert response.status_code == 200  # the form again, with an error
    assert sign_in(client, "gaj", "wrong-password").status_code == 429  # the fifth failure locks
    response = sign_in(client, "gaj", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_fewer_failures_still_let_the_user_in(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "gaj", "wrong-password")
    response = sign_in(client, "gaj", DEMO_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_lockout_is_per_account(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "gaj", "wrong-password")
    assert sign_in(client, "czj", DEMO_PASSWORD).status_code == 302


@pytest.mark.parametrize("minutes, locked", [(14, True), (16, False)])
def test_lock_lifts_after_the_cooloff(world, client, settings, minutes, locked):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "gaj", "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=minutes))
    response = sign_in(client, "gaj", DEMO_PASSWORD)
    assert (response.status_code == 429) is locked


def test_failed_sign_in_shows_a_chinese_message(world, client):
    response = sign_in(client, "gaj", "wrong-password")
    assert "账号或密码不正确" in response.content.decode()  # the field is labelled 账号, so is the error
