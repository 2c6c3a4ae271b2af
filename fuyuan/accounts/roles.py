"""Roles and the checks views use. Business roles and the three administrators never overlap (三员分立)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE = "office", _("Office staff")
    LEADER = "leader", _("Leader")
    ISSUER = "issuer", _("Issuer (court or procuratorate)")
    LIAISON = "liaison", _("Liaison")
    SYSADMIN = "sysadmin", _("System administrator")
    SECADMIN = "secadmin", _("Security administrator")
    AUDITOR = "auditor", _("Audit administrator")


BUSINESS_ROLES = frozenset({Role.OFFICE, Role.LEADER, Role.ISSUER, Role.LIAISON})
ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR})
# Roles that act for one member unit and must be bound to it.
UNIT_ROLES = frozenset({Role.ISSUER, Role.LIAISON})


def has_role(user, *roles) -> bool:
    """True when the user is signed in, active and holds one of the roles."""
    return bool(user and user.is_authenticated and user.is_active and user.role in roles)


def role_required(*roles):
    """View decorator: anonymous users go to the login page, other roles get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login  # imports auth forms: not at model load

                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)
        return wrapped

    return decorator
