"""The Django admin is the system administrator's tool for accounts, and nothing else (三员分立)."""

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import ResetPasswordForm
from .models import User
from .roles import Role, has_role
from .services import is_other_administrator

# Only accounts and lockouts are administered here; the audit trail is the auditor's (/audit/). Second-factor
# devices hold secrets: no administrator may read them (django-otp's admin shows a device's QR code).
for model in (Group, LogEntry, AccessAttempt, AccessFailureLog, AccessLog, TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class SysadminOnly:
    """Admin permissions: the system administrator's, nobody else's."""

    def has_module_permission(self, request):
        return has_role(request.user, Role.SYSADMIN)

    def has_view_permission(self, request, obj=None):
        return has_role(request.user, Role.SYSADMIN)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class LockoutAdmin(SysadminOnly, admin.ModelAdmin):
    """Failed sign-ins per account; deleting a row unlocks the account before the cool-off ends."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    readonly_fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time"]
    fields = readonly_fields

    def has_delete_permission(self, request, obj=None):
        return has_role(request.user, Role.SYSADMIN)


@admin.register(User)
class AccountAdmin(SysadminOnly, UserAdmin):
    """Create, edit, deactivate accounts and reset passwords; roles are the security admin's."""

    change_password_form = ResetPasswordForm
    list_display = ["username", "full_name", "role", "unit", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name", "phone"]
    readonly_fields = ["role", "unit", "last_login", "date_joined", "password_changed_at"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["full_name", "phone", "email"]}),
        (_("Role (assigned by the security administrator)"), {"fields": ["role", "unit"]}),
        (_("Status"), {"fields": ["is_active", "must_change_password", "password_changed_at",
                                  "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["username", "full_name", "phone", "password1", "password2"]})]

    def has_add_permission(self, request):
        return has_role(request.user, Role.SYSADMIN)

    def has_change_permission(self, request, obj=None):
        # Another administrator's password, details and active state are out of reach (三员分立): one person
        # could otherwise reset the auditor's password, sign in as the auditor, or deactivate them.
        return has_role(request.user, Role.SYSADMIN) and not is_other_administrator(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted: the audit trail points at them
