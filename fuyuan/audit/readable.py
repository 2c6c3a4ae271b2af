"""Audit values as a reader says them: field verbose names, choice labels, related objects' names, 是/否.

auditlog stores raw values ("replied", "True", a foreign key's pk, "tasks.Task.None" for a reverse
relation) and our workflow entries carry a small dict of details; the auditor reads neither raw.
"""

import re

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EMPTY = gettext_lazy("(none)")
_RELATION_REPR = re.compile(r"^\w+\.\w+\.None$")

# Workflow actions of meetings, suggestions and settings; a task's use its timeline's event labels.
ACTIONS = {
    "scheduled": gettext_lazy("Meeting scheduled"),
    "replied": gettext_lazy("Replied"),
    "attendance": gettext_lazy("Attendance recorded"),
    "minutes": gettext_lazy("Minutes recorded"),
    "decision_added": gettext_lazy("Decision added"),
    "decisions_confirmed": gettext_lazy("Decisions confirmed as items"),
    "cancelled": gettext_lazy("Cancelled"),
    "meeting_type_saved": gettext_lazy("Meeting type saved"),
    "registered": gettext_lazy("Suggestion registered"),
    "deadline_changed": gettext_lazy("Reply deadline changed"),
    "evaluated": gettext_lazy("Reply evaluated"),
    "returned": gettext_lazy("Returned for follow-up"),
    "scoring_rules_saved": gettext_lazy("Scoring rules saved"),
}
DETAIL_LABELS = {
    "transition": gettext_lazy("Action"),
    "unit": gettext_lazy("Unit"),
    "units": gettext_lazy("Units invited"),
    "status": gettext_lazy("Status"),
    "text": gettext_lazy("Text"),
    "response": gettext_lazy("Reply"),
    "number": gettext_lazy("Number"),
    "tasks": gettext_lazy("Items"),
    "kind": gettext_lazy("Kind"),
    "due": gettext_lazy("Deadline"),
    "old": gettext_lazy("Before"),
    "new": gettext_lazy("After"),
    "reason": gettext_lazy("Reason"),
    "adoption": gettext_lazy("Adoption"),
    "rectified": gettext_lazy("Rectified"),
    "cadence": gettext_lazy("Cadence"),
    "measures": gettext_lazy("Measures"),
}
# Ids of the entry's own object repeat the "Record" column.
_SKIPPED = {"task", "meeting", "suggestion"}


class Reader:
    """Turns raw audit values into text; caches related objects' names for one page or export."""

    def __init__(self):
        self.names = {}

    def field_label(self, model, name):
        field = _field(model, name)
        return str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name

    def is_shown(self, model, name):
        """Reverse relations ("children: ∅ → tasks.Task.None") say nothing to a reader."""
        field = _field(model, name)
        return field is None or not (field.auto_created and not field.concrete)

    def value(self, model, name, raw) -> str:
        """One stored value as text: choice label, related object's name, 是/否, or the text itself."""
        if raw in (None, "", "None") or (isinstance(raw, str) and _RELATION_REPR.match(raw)):
            return ""
        field = _field(model, name)
        if isinstance(raw, list):
            return "、".join(filter(None, (self.value(model, name, item) for item in raw)))
        if isinstance(raw, dict):
            return "；".join(f"{key}：{self.plain(item)}" for key, item in raw.items())
        if field is not None and getattr(field, "choices", None):
            return str(dict(field.flatchoices).get(raw, dict((str(k), v) for k, v in field.flatchoices).get(
                str(raw), raw)))
        if isinstance(field, models.BooleanField) or raw in (True, False) or raw in ("True", "False"):
            return _("Yes") if raw in (True, "True") else _("No")
        if isinstance(field, models.ForeignKey):
            return self.related_name(field.related_model, raw)
        return self.plain(raw)

    def related_name(self, model, pk) -> str:
        key = (model, str(pk))
        if key not in self.names:
            obj = model._default_manager.filter(pk=pk).first() if str(pk).isascii() and str(pk).isdigit() else None
            self.names[key] = str(obj) if obj is not None else f"#{pk}"
        return self.names[key]

    def plain(self, value) -> str:
        if value in (None, "", "None"):
            return ""
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, list):
            return "、".join(self.plain(v) for v in value)
        if isinstance(value, dict):
            return "；".join(f"{k}：{self.plain(v)}" for k, v in value.items())
        return str(value)

    def detail(self, model, detail) -> str:
        """A workflow entry's detail dict as 「操作：办结；单位：旗公安局；状态：办理中 → 已办结」."""
        if not isinstance(detail, dict):
            return self.plain(detail)
        parts = []
        for key, raw in detail.items():
            if key in _SKIPPED:
                continue
            label = str(DETAIL_LABELS.get(key, key))
            if key == "transition":
                text = action_label(raw)
            elif key == "status" and isinstance(raw, list) and len(raw) == 2:
                text = f"{self.value(model, 'status', raw[0]) or EMPTY} → {self.value(model, 'status', raw[1])}"
            elif key in ("adoption", "response", "cadence", "kind"):
                text = self.value(model, key, raw) or self.choice_anywhere(key, raw)
            elif key == "tasks" and isinstance(raw, list):
                task = apps.get_model("tasks", "Task")
                text = "、".join(self.related_name(task, pk) for pk in raw)
            else:
                text = self.plain(raw)
            if text:
                parts.append(f"{label}：{text}")
        return "；".join(parts)

    def choice_anywhere(self, name, raw):
        """A choice value recorded on another model than the entry's (a reply stored on a meeting's entry)."""
        for model in (apps.get_model("meetings", "Invitation"), apps.get_model("suggestions", "Suggestion"),
                      apps.get_model("meetings", "MeetingType")):
            field = _field(model, name)
            if field is not None and field.choices:
                label = dict(field.flatchoices).get(raw)
                if label is not None:
                    return str(label)
        return self.plain(raw)


def action_label(name) -> str:
    """The Chinese name of a workflow action."""
    if name in ACTIONS:
        return str(ACTIONS[name])
    event = _field(apps.get_model("tasks", "TaskEvent"), "kind")
    return str(dict(event.flatchoices).get(name, name))


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field removed since the entry was written keeps its raw name
        return None
