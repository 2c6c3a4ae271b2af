"""Filters of the audit log page (django-filter)."""

import django_filters
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import DateInput, FilterForm, FilterSetOnce

KIND_CHOICES = [
    ("create", _("Created")),
    ("update", _("Changed")),
    ("delete", _("Deleted")),
    ("login", _("Signed in")),
    ("logout", _("Signed out")),
    ("login_failed", _("Failed sign-in")),
    ("session_timeout", _("Idle sign-out")),
    ("permission_denied", _("Permission denied")),
    ("password_changed", _("Password changed")),
    ("transition", _("Workflow action")),
    ("personal_data", _("Personal data accessed")),
    ("otp_enrolled", _("Two-factor enrolled")),
    ("otp_verified", _("Second factor verified")),
    ("otp_reset", _("Two-factor reset")),
    ("export_requested", _("Export requested")),
    ("export_downloaded", _("Export downloaded")),
]
_ACTIONS = {"create": LogEntry.Action.CREATE, "update": LogEntry.Action.UPDATE, "delete": LogEntry.Action.DELETE}


class AuditFilter(FilterSetOnce, django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    actor = django_filters.CharFilter(field_name="actor__username", lookup_expr="iexact", label=_("Account"))
    kind = django_filters.ChoiceFilter(choices=KIND_CHOICES, method="filter_kind", label=_("Event"))
    content_type = django_filters.ModelChoiceFilter(
        queryset=ContentType.objects.filter(
            app_label__in=["units", "accounts", "tasks", "meetings", "suggestions"]
        ),
        label=_("Record type"),
    )
    since = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__gte", label=_("From"), widget=DateInput
    )
    until = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label=_("To"), widget=DateInput)
    remote_addr = django_filters.CharFilter(lookup_expr="startswith", label=_("IP address"))

    class Meta:
        model = LogEntry
        fields = []
        form = FilterForm

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(object_repr__icontains=value) | Q(changes_text__icontains=value) | Q(actor__username__icontains=value)
        )

    def filter_kind(self, queryset, name, value):
        if value in _ACTIONS:
            return queryset.filter(action=_ACTIONS[value])
        return queryset.filter(action=LogEntry.Action.ACCESS, additional_data__event=value)
