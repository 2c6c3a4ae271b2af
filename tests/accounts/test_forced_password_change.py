"""New accounts and expired passwords must change the password before anything else."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fuyuan.accounts.models import User
from fuyuan.accounts.roles import Role

NEW = "Ganqi#Fuyuan9"


def test_new_account_must_change_password_first(world):
    user = User.objects.create_user("newliaison", password="Initial#2024", role=Role.LIAISON,
                                    unit=world.unit("旗民政局"))
    client = Client()
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    response = client.post(reverse("password_change"),
                           {"old_password": "Initial#2024", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    user.refresh_from_db()
    assert not user.must_change_password


def test_expired_password_must_change(world, settings):
    user = world.user("gaj")
    user.password_expiry_exempt = False
    user.password_changed_at = timezone.now() - timedelta(days=settings.PASSWORD_MAX_AGE_DAYS + 1)
    user.save()
    client = world.client("gaj")
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("password_change")
    assert "密码已过期" in client.get(reverse("password_change")).content.decode()


def test_password_within_its_age_is_fine(world, settings):
    user = world.user("gaj")
    user.password_expiry_exempt = False
    user.password_changed_at = timezone.now() - timedelta(days=settings.PASSWORD_MAX_AGE_DAYS - 1)
    user.save()
    assert world.client("gaj").get(reverse("home")).status_code == 200


def test_demo_accounts_are_exempt(world, settings):
    user = world.user("office")
    user.password_changed_at = timezone.now() - timedelta(days=400)
    user.save()
    assert world.client("office").get(reverse("home")).status_code == 200


def test_reset_by_system_admin_forces_a_change(world):
    target = world.user("czj")
    admin = world.client("sysadmin")
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    response = admin.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert target.must_change_password
