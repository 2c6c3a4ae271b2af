"""A session counts as verified only by a device the account still has, confirmed — checked when asked, not on
every page (AccountMiddleware): a deleted, unconfirmed or someone else's device never passes as verified."""

import pytest
from django.contrib.auth.middleware import get_user
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from fuyuan.accounts.middleware import AccountMiddleware
from fuyuan.accounts.otp import PENDING


def owing_a_code(world, username, device):
    """A signed-in client whose session still owes its code and names `device` as the one that verified it."""
    client = world.client(username)
    session = client.session
    session[PENDING] = "verify"
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def request_for(client, rf):
    request = rf.get("/")
    request.COOKIES = {key: morsel.value for key, morsel in client.cookies.items()}
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    AccountMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


@pytest.mark.parametrize("kind", [TOTPDevice, StaticDevice])
def test_a_confirmed_device_of_the_account_verifies_the_session(world, rf, kind):
    device = kind.objects.create(user=world.user("office"), name="d", confirmed=True)
    client = owing_a_code(world, "office", device)
    request = request_for(client, rf)
    assert request.user.is_verified() and request.user.otp_device == device
    assert client.get(reverse("tasks:ledger")).status_code == 200


@pytest.mark.parametrize("change", ["deleted", "unconfirmed", "another account's"])
def test_a_session_whose_device_is_gone_is_not_verified(world, rf, change):
    owner = world.user("leader") if change == "another account's" else world.user("office")
    device = TOTPDevice.objects.create(user=owner, name="phone", confirmed=True)
    client = owing_a_code(world, "office", device)
    if change == "deleted":
        device.delete()
    elif change == "unconfirmed":
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
    request = request_for(client, rf)
    assert not request.user.is_verified() and request.user.otp_device is None
    assert DEVICE_ID_SESSION_KEY not in request.session  # as django-otp does: the stale device is forgotten
    assert client.get(reverse("tasks:ledger")).url == reverse("otp_verify")


def test_the_device_is_looked_up_only_when_asked(world, rf, django_assert_num_queries):
    device = TOTPDevice.objects.create(user=world.user("office"), name="phone", confirmed=True)
    client = owing_a_code(world, "office", device)
    with django_assert_num_queries(2):  # the session; the account with its unit
        request = request_for(client, rf)
    with django_assert_num_queries(1):  # the device, once
        assert request.user.is_verified() and request.user.is_verified()


def test_request_user_is_the_account_and_anonymous_is_never_verified(world, rf, client):
    request = request_for(world.client("gaj"), rf)
    assert type(request.user) is type(world.user("gaj")) and get_user(request) is request.user
    assert request.user.unit == world.user("gaj").unit
    anonymous = request_for(client, rf).user
    assert not anonymous.is_authenticated and not anonymous.is_verified() and anonymous.otp_device is None
