"""Reading the audit trail for people: labels, field names, before → after."""

from auditlog.models import LogEntry
from django.utils import timezone
from django.utils.translation import gettext as _

from .filters import KIND_CHOICES
from .readable import Reader

KIND_LABELS = dict(KIND_CHOICES)
_ACTION_KINDS = {LogEntry.Action.CREATE: "create", LogEntry.Action.UPDATE: "update", LogEntry.Action.DELETE: "delete"}


def audit_entries():
    """Every entry, newest first, with what the list shows fetched in the same query."""
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def entry_kind(entry) -> str:
    if entry.action in _ACTION_KINDS:
        return _ACTION_KINDS[entry.action]
    return (entry.additional_data or {}).get("event", "")


def entry_changes(entry, reader=None) -> list[tuple[str, str, str]]:
    """(field, before, after) triples in words: verbose names, choice labels, related objects' names."""
    reader = reader or Reader()
    changes = entry.changes or {}
    if not isinstance(changes, dict):
        return []
    model = entry.content_type.model_class()
    rows = []
    for field, values in changes.items():
        if not reader.is_shown(model, field):
            continue
        label = reader.field_label(model, field)
        if isinstance(values, dict):  # many-to-many: {"type": "m2m", "operation": ..., "objects": [...]}
            operation = {"add": _("added"), "delete": _("removed"), "clear": _("cleared")}
            before = str(operation.get(values.get("operation"), values.get("operation", "")))
            after = "、".join(map(str, values.get("objects", [])))
        else:
            before, after = (list(values) + ["", ""])[:2]
            before, after = reader.value(model, field, before), reader.value(model, field, after)
        if before or after:
            rows.append((label, before, after))
    return rows


def entry_row(entry, reader=None) -> dict:
    """One entry as the list and the export show it, every value in words."""
    reader = reader or Reader()
    local = timezone.localtime(entry.timestamp)
    kind = entry_kind(entry)
    model = entry.content_type.model_class()
    return {
        "entry": entry,
        "time": local.strftime("%Y-%m-%d %H:%M:%S") + local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:],
        "actor": entry.actor.username if entry.actor else (entry.additional_data or {}).get("username", ""),
        "actor_name": str(entry.actor) if entry.actor else "",
        "ip": entry.remote_addr or "",
        "kind": kind,
        "kind_label": str(KIND_LABELS.get(kind, kind)),
        "object_type": str(model._meta.verbose_name) if model else entry.content_type.model,
        "object": entry.object_repr,
        "changes": entry_changes(entry, reader),
        "detail": _detail(entry, model, reader),
    }


def _detail(entry, model, reader) -> str:
    data = entry.additional_data or {}
    if data.get("detail"):
        return reader.detail(model, data["detail"])
    return data.get("path", "")
