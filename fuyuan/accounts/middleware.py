"""The signed-in account on each request, and the session policies: idle logout, second factor, password change."""

import functools
import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _

from fuyuan.audit.services import record_event

SESSION_LAST_SEEN = "fuyuan_last_seen"
LAST_SEEN_RESOLUTION = 60  # seconds


class AccountMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware and django-otp's OTPMiddleware in one step, without their lazy proxies.

    request.user is the account itself (with its unit, AccountBackend), loaded here: every request reads it at
    once anyway (IdleTimeoutMiddleware), and a proxy in front of it costs a hop on each of a page's hundreds of
    reads. The second factor keeps django-otp's contract (user.otp_device, user.is_verified()) and its check —
    the session's device must exist, be confirmed and belong to the account — but makes it when asked
    (SecondFactorMiddleware, while a code is owed) instead of a query on every page.
    """

    def process_request(self, request):
        super().process_request(request)  # request.auser, and the session middleware's presence checked
        user = request._cached_user = auth.get_user(request)
        if user.is_authenticated:
            user._otp_device_finder = functools.partial(session_device, request, user)
        else:
            user.otp_device = None
            user.is_verified = functools.partial(bool, False)
        request.user = user


def session_device(request, user):
    """The device the session was verified with, if it is still the account's and confirmed (as django-otp checks)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.middleware import OTPMiddleware
    from django_otp.models import Device

    persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
    device = Device.from_persistent_id(OTPMiddleware._normalize_persistent_id(persistent_id)) if persistent_id else None
    return OTPMiddleware._finalize_device(request, user, device)


class IdleTimeoutMiddleware:
    """Log the user out after SESSION_IDLE_TIMEOUT_MINUTES without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(SESSION_LAST_SEEN)
            limit = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
            if last_seen is not None and limit and now - last_seen > limit:
                user = request.user
                record_event("session_timeout", request=request, actor=user, target=user)
                logout(request)
                messages.info(request, _("You were signed out after a period of inactivity. Please sign in again."))
                return redirect(f"{reverse('login')}?next={request.path}")
            # Write the session at most once a minute: a write per request would put the session table on the
            # hot path of every page, for a timeout counted in minutes anyway.
            if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Send users whose password must change (first login, expiry) to the change form first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.needs_password_change:
            allowed = {reverse("password_change"), reverse("logout")}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                if user.must_change_password:
                    messages.warning(request, _("Please set a new password before you continue."))
                else:
                    messages.warning(request, _("Your password has expired. Please set a new one."))
                return redirect("password_change")
        return self.get_response(request)


# URL namespaces (and names) of business pages: none of them is for the three administrators (三员分立).
BUSINESS_NAMESPACES = frozenset({"tasks", "meetings", "suggestions", "units", "assessment"})
BUSINESS_URL_NAMES = frozenset({"dashboard"})


class AdministratorScopeMiddleware:
    """Keep the system, security and audit administrators off every business page, whatever the view checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        from .roles import ADMIN_ROLES

        user = request.user
        match = request.resolver_match
        if not (user.is_authenticated and user.role in ADMIN_ROLES and match):
            return None
        if match.namespaces and match.namespaces[0] in BUSINESS_NAMESPACES or match.url_name in BUSINESS_URL_NAMES:
            record_event("permission_denied", request=request, actor=user, target=user)
            raise PermissionDenied
        return None


NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


class NoStoreMiddleware:
    """Cache-Control: no-store on every page and download the application makes (static files never get here).

    A signed-in page or an exported workbook must not stay in a shared computer's or a proxy's cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" in response or "Expires" in response:
            add_never_cache_headers(response)  # merged with what the view set
        else:  # what add_never_cache_headers writes on a bare response, without parsing and re-joining directives
            response.headers["Expires"] = http_date(time.time())
            response.headers["Cache-Control"] = NEVER_CACHE
        return response


class SecondFactorMiddleware:
    """After the password, a signed-in session that still owes a second factor reaches only its pages.

    Whether it owes one is decided once, at sign-in (fuyuan.accounts.otp.on_login), so ordinary pages pay
    no query for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .otp import PENDING

        pending = request.user.is_authenticated and request.session.get(PENDING)
        if pending and not request.user.is_verified():
            allowed = {reverse("otp_verify"), reverse("otp_setup"), reverse("logout")}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                return redirect("otp_verify" if pending == "verify" else "otp_setup")
        return self.get_response(request)
