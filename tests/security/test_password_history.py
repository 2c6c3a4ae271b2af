"""The current password and the last five cannot be reused; a password holding the account name is refused."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from fuyuan.accounts.demo import DEMO_PASSWORD

PASSWORDS = [f"Qx7!frame{n}" for n in range(1, 8)]


def change(client, old, new):
    return client.post(reverse("password_change"),
                       {"old_password": old, "new_password1": new, "new_password2": new})


def test_the_current_and_the_last_five_passwords_cannot_come_back(world):
    client = world.client("gaj")
    assert change(client, DEMO_PASSWORD, DEMO_PASSWORD).status_code == 200  # the current one: refused
    old = DEMO_PASSWORD
    for new in PASSWORDS[:6]:
        assert change(client, old, new).status_code == 302, new
        client.force_login(world.user("gaj").__class__.objects.get(username="gaj"))
        old = new
    # Current: PASSWORDS[5]; the five before it: PASSWORDS[0..4]; DEMO_PASSWORD is now six back.
    for reused in PASSWORDS[:6]:
        response = change(client, old, reused)
        assert response.status_code == 200 and "不能" in response.content.decode(), reused
    assert change(client, old, DEMO_PASSWORD).status_code == 302


@pytest.mark.parametrize("password", ["gaj!Secure2026", "Xx-GAJ-2026-ok", "My.gaj.Pass9"])
def test_a_password_containing_the_account_name_is_refused(world, password):
    with pytest.raises(ValidationError):
        validate_password(password, world.user("gaj"))
