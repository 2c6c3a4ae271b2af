"""Two-factor sign-in: required for the administrators and the office by OTP_REQUIRED_ROLES, enrolment with an
inline-SVG QR code, recovery codes, audited enrolment and reset, and the lockout counts wrong codes."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from fuyuan.accounts.demo import DEMO_PASSWORD


@pytest.fixture(autouse=True)
def required(settings):
    settings.OTP_REQUIRED_ROLES = ["sysadmin", "secadmin", "auditor", "office"]


def sign_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})


def code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def enrol(client):
    page = client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("otp_setup"), {"token": code(device)})
    return page, device, response


@pytest.mark.parametrize("username", ["office", "auditor"])
def test_a_required_role_enrols_before_anything_else_and_gets_recovery_codes(world, client, username):
    sign_in(client, username)
    assert client.get("/").url == reverse("otp_setup")
    page, device, response = enrol(client)
    html = page.content.decode()
    assert "<svg" in html and "http" not in html.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", "")  # drawn inline, nothing from another host
    codes = response.context["codes"]
    assert len(codes) == 10
    assert client.get("/").status_code == 200
    assert LogEntry.objects.filter(additional_data__event="otp_enrolled", actor=world.user(username)).exists()


def test_next_sign_in_asks_for_a_code_and_a_recovery_code_works_once(world, client):
    sign_in(client, "office")
    _page, device, response = enrol(client)
    recovery = response.context["codes"][0]
    client.post(reverse("logout"))
    sign_in(client, "office")
    assert client.get(reverse("tasks:ledger")).url == reverse("otp_verify")
    assert client.post(reverse("otp_verify"), {"token": recovery}).status_code == 302
    assert client.get(reverse("tasks:ledger")).status_code == 200
    client.post(reverse("logout"))
    sign_in(client, "office")
    response = client.post(reverse("otp_verify"), {"token": recovery})  # used up
    assert response.status_code == 200 and client.get("/").url == reverse("otp_verify")


def test_wrong_codes_lock_the_account(world, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    sign_in(client, "office")
    enrol(client)
    client.post(reverse("logout"))
    sign_in(client, "office")
    for _ in range(2):
        assert client.post(reverse("otp_verify"), {"token": "000000"}).status_code == 200
    response = client.post(reverse("otp_verify"), {"token": "000000"})
    assert response.status_code == 429
    assert sign_in(client, "office").status_code == 429  # the password alone no longer gets in


def test_an_optional_role_is_not_asked(world, client):
    sign_in(client, "gaj")
    assert client.get("/").status_code == 200


def test_the_security_administrator_resets_a_lost_phone_audited(world, client, settings):
    settings.OTP_REQUIRED_ROLES = ["office"]  # the security administrator's own second factor is not the point here
    sign_in(client, "office")
    enrol(client)
    office = world.user("office")
    response = world.client("secadmin").post(reverse("accounts_otp_reset", args=[office.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=office).exists()
    assert LogEntry.objects.filter(additional_data__event="otp_reset", object_pk=str(office.pk)).exists()


def test_a_reset_signs_the_account_out_of_every_browser(world, settings):
    """A lost phone: a browser already past the second factor is signed out too; other accounts stay in."""
    from django.test import Client

    settings.OTP_REQUIRED_ROLES = ["office"]
    phone, desk, colleague = Client(), Client(), world.client("gaj")
    sign_in(phone, "office")
    recovery = enrol(phone)[2].context["codes"][0]
    sign_in(desk, "office")
    desk.post(reverse("otp_verify"), {"token": recovery})
    for browser in (phone, desk):
        assert browser.get(reverse("tasks:ledger")).status_code == 200
    world.client("secadmin").post(reverse("accounts_otp_reset", args=[world.user("office").pk]))
    for browser in (phone, desk):
        assert browser.get(reverse("tasks:ledger")).url.startswith(reverse("login"))
    assert colleague.get(reverse("tasks:ledger")).status_code == 200
    entry = LogEntry.objects.get(additional_data__event="otp_reset")
    assert entry.additional_data["detail"] == {"sessions_ended": 2}


def test_an_administrators_second_factor_is_not_reset_by_another(world, settings):
    settings.OTP_REQUIRED_ROLES = []
    response = world.client("secadmin").post(reverse("accounts_otp_reset", args=[world.user("auditor").pk]))
    assert response.status_code == 403
