"""三员分立: the system, security and audit administrators cannot do each other's jobs or touch business data."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fuyuan.accounts.roles import Role
from fuyuan.accounts.services import AccountRefused, assign_role


def test_security_admin_assigns_roles(world):
    client = world.client("secadmin")
    target = world.user("czj")
    response = client.post(reverse("accounts_role_edit", args=[target.pk]),
                           {"role": Role.LIAISON, "unit": world.unit("旗民政局").pk})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.unit == world.unit("旗民政局")


@pytest.mark.parametrize("username", ["sysadmin", "auditor", "office", "leader", "gaj"])
def test_nobody_else_assigns_roles(world, username):
    with pytest.raises(PermissionDenied):
        assign_role(account=world.user("czj"), role=Role.OFFICE, unit=None, by=world.user(username))


def test_security_admin_cannot_change_own_role(world):
    with pytest.raises(AccountRefused):
        assign_role(account=world.user("secadmin"), role=Role.AUDITOR, unit=None, by=world.user("secadmin"))


def test_liaison_needs_a_unit(world):
    client = world.client("secadmin")
    response = client.post(reverse("accounts_role_edit", args=[world.user("czj").pk]),
                           {"role": Role.LIAISON, "unit": ""})
    assert response.status_code == 200
    assert "必须属于一个成员单位" in response.content.decode()


def test_system_admin_cannot_set_a_role_through_the_admin(world):
    client = world.client("sysadmin")
    target = world.user("czj")
    url = reverse("admin:accounts_user_change", args=[target.pk])
    page = client.get(url).content.decode()
    assert 'name="role"' not in page  # shown read-only
    client.post(url, {"username": "czj", "full_name": "x", "role": Role.OFFICE, "is_active": "on"})
    target.refresh_from_db()
    assert target.role == Role.LIAISON


def test_system_admin_creates_an_account_without_a_role(world):
    client = world.client("sysadmin")
    response = client.post(reverse("admin:accounts_user_add"), {
        "username": "mzj", "full_name": "民政局 孙丽", "phone": "", "password1": "Qx7#Fuyuan24",
        "password2": "Qx7#Fuyuan24", "usable_password": "true",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    from fuyuan.accounts.models import User

    created = User.objects.get(username="mzj")
    assert created.role == "" and created.must_change_password


@pytest.mark.parametrize("username", ["sysadmin", "secadmin", "auditor"])
@pytest.mark.parametrize("url_name", ["units:list", "units:create", "units:roster"])
def test_administrators_do_not_touch_business_data(world, username, url_name):
    assert world.client(username).get(reverse(url_name)).status_code == 403
