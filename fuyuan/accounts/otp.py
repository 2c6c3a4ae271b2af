"""Two-factor sign-in (等保 2.0 8.1.4.1 d): TOTP in a standard authenticator app, plus recovery codes.

django-otp keeps the devices (TOTPDevice, StaticDevice for recovery codes) and marks a session verified.
OTP_REQUIRED_ROLES names the roles that must use it (production: the three administrators and the office);
anyone else who enrols is asked for a code too. A wrong code counts as a failed sign-in for django-axes,
so the account lockout covers the second factor as well; enrolment and reset are audited.
"""

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device  # noqa: F401 (user_has_device used by views)
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from fuyuan.audit.services import record_event

RECOVERY_CODES = 10
PENDING = "fuyuan_otp_pending"  # session key: "verify" or "setup" until the second factor is given


def required(user) -> bool:
    """The account's role must use a second factor (OTP_REQUIRED_ROLES)."""
    return bool(user.role) and user.role in settings.OTP_REQUIRED_ROLES


def on_login(sender, request, user, **kwargs):
    """At sign-in: note in the session whether a code is owed (enrolled) or an enrolment (required, none yet)."""
    if request is None or not hasattr(request, "session"):
        return
    if user_has_device(user):
        request.session[PENDING] = "verify"
    elif required(user):
        request.session[PENDING] = "setup"
    else:
        request.session.pop(PENDING, None)


def passed(request):
    """The second factor was given: the session is fully signed in."""
    request.session.pop(PENDING, None)


def pending_device(user) -> TOTPDevice:
    """The account's unconfirmed authenticator (created once, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_svg(device) -> str:
    """The otpauth:// address as an inline SVG: drawn here, nothing loaded from another host."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg"):]


def secret_text(device) -> str:
    """The key in base32 groups of four, for typing into an app by hand."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm(*, request, device, token) -> list[str] | None:
    """Confirm enrolment with a first code; returns the new recovery codes, or None for a wrong code."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    codes = new_recovery_codes(device.user)
    from django_otp import login

    login(request, device)
    passed(request)
    record_event("otp_enrolled", request=request, actor=device.user, target=device.user)
    return codes


def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes by RECOVERY_CODES new single-use ones."""
    static, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


@transaction.atomic
def reset(*, account, by, request=None):
    """Remove an account's authenticator and recovery codes and end its sessions (a lost phone: whoever holds a
    signed-in browser is signed out too); it enrols again at the next sign-in."""
    from .sessions import end_sessions

    for device in devices_for_user(account, confirmed=None):
        device.delete()
    ended = end_sessions(account)
    record_event("otp_reset", request=request, actor=by, target=account, detail={"sessions_ended": ended})
