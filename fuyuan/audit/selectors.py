"""Reading the audit trail for people: labels, field names, before → after."""

from auditlog.models import LogEntry
from django.utils import timezone

from .filters import KIND_CHOICES

KIND_LABELS = dict(KIND_CHOICES)
_ACTION_KINDS = {LogEntry.Action.CREATE: "create", LogEntry.Action.UPDATE: "update", LogEntry.Action.DELETE: "delete"}


def audit_entries():
    """Every entry, newest first, with what the list shows fetched in the same query."""
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def entry_kind(entry) -> str:
    if entry.action in _ACTION_KINDS:
        return _ACTION_KINDS[entry.action]
    return (entry.additional_data or {}).get("event", "")


def entry_changes(entry) -> list[tuple[str, str, str]]:
    """(field, before, after) triples; field names as the model's verbose names where known."""
    changes = entry.changes or {}
    if not isinstance(changes, dict):
        return []
    model = entry.content_type.model_class()
    rows = []
    for field, values in changes.items():
        label = field
        if model is not None:
            try:
                label = str(model._meta.get_field(field).verbose_name)
            except Exception:  # noqa: BLE001 - a field removed since the entry was written keeps its raw name
                label = field
        if isinstance(values, dict):  # many-to-many: {"type": "m2m", "operation": ..., "objects": [...]}
            before, after = values.get("operation", ""), "、".join(map(str, values.get("objects", [])))
        else:
            before, after = (list(values) + ["", ""])[:2]
        rows.append((label, _plain(before), _plain(after)))
    return rows


def _plain(value) -> str:
    return "" if value in (None, "None") else str(value)


def entry_row(entry) -> dict:
    """One entry as the list and the export show it."""
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
        "changes": entry_changes(entry),
        "detail": (entry.additional_data or {}).get("detail", "") or (entry.additional_data or {}).get("path", ""),
    }
