"""三员分立 cannot be bypassed by one person: the probe's system administrator reset the security
administrator's password, signed in as them, granted itself the office role and deactivated the auditor."""

import pytest
from django.urls import reverse

from fuyuan.accounts.models import User
from fuyuan.accounts.roles import Role
from fuyuan.accounts.services import AccountRefused, assign_role


@pytest.mark.parametrize("target", ["secadmin", "auditor"])
def test_the_system_administrator_cannot_reset_another_administrators_password(world, target):
    client = world.client("sysadmin")
    account = world.user(target)
    before = User.objects.get(pk=account.pk).password
    url = reverse("admin:auth_user_password_change", args=[account.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "Qx7#Takeover26", "password2": "Qx7#Takeover26"})
    assert response.status_code == 403
    assert User.objects.get(pk=account.pk).password == before


@pytest.mark.parametrize("target", ["secadmin", "auditor"])
def test_the_system_administrator_cannot_deactivate_another_administrator(world, target):
    client = world.client("sysadmin")
    account = world.user(target)
    url = reverse("admin:accounts_user_change", args=[account.pk])
    client.post(url, {"username": target, "full_name": "x", "email": "", "phone": "", "must_change_password": ""})
    assert User.objects.get(pk=account.pk).is_active


def test_the_system_administrator_still_manages_business_accounts(world):
    client = world.client("sysadmin")
    account = world.user("czj")
    url = reverse("admin:auth_user_password_change", args=[account.pk])
    response = client.post(url, {"password1": "Qx7#NewStart26", "password2": "Qx7#NewStart26"})
    assert response.status_code == 302
    assert User.objects.get(pk=account.pk).must_change_password


@pytest.mark.parametrize(("target", "role"), [
    ("sysadmin", Role.OFFICE), ("auditor", Role.OFFICE), ("auditor", Role.LIAISON), ("czj", Role.AUDITOR),
    ("office", Role.SYSADMIN),
])
def test_administrator_roles_are_not_given_or_mixed_with_business_roles(world, target, role):
    unit = world.unit("旗司法局") if role == Role.LIAISON else None
    with pytest.raises(AccountRefused):
        assign_role(account=world.user(target), role=role, unit=unit, by=world.user("secadmin"))
    assert User.objects.get(username=target).role == world.user(target).role


def test_the_refusal_is_shown_on_the_role_page(world):
    response = world.client("secadmin").post(reverse("accounts_role_edit", args=[world.user("sysadmin").pk]),
                                             {"role": Role.OFFICE, "unit": ""})
    assert response.status_code == 200
    assert "管理员" in response.content.decode()
    assert User.objects.get(username="sysadmin").role == Role.SYSADMIN
