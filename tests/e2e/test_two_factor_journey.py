"""The office enrols its authenticator in the browser: QR code drawn in the page, first code, recovery codes."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.conftest import sign_in


@pytest.fixture
def two_factor_required(settings):
    settings.OTP_REQUIRED_ROLES = ["office"]


def test_office_enrols_and_gets_recovery_codes(page, live_server, e2e_world, shot, two_factor_required):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/")
    sign_in(page, live_server, "office")
    assert "/accounts/otp/setup/" in page.url
    assert page.locator("[data-testid=otp-qr] svg").count() == 1
    shot("otp-setup")
    device = TOTPDevice.objects.get(confirmed=False)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.fill("input[name=token]", f"{code:06d}")
    page.click("form:has(input[name=token]) button[type=submit]")
    assert page.locator("[data-testid=recovery-codes] li").count() == 10
    shot("otp-recovery-codes")
    assert all(url.startswith(live_server.url) for url in requests)
