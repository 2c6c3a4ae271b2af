"""The item page's lists (units, progress reports, timeline), read and prepared once in Python.

A template looks up each value through its variable resolution, filters and get_FOO_display (which rebuilds the
field's whole choice list on every call); on an item with 40 units and 45 events that was most of the page. Here
each row is read as plain values in one query and its labels and times are made once, so the template prints
strings. The markup stays in task_detail.html.
"""

import dataclasses
import datetime

from django.db.models import Q
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from fuyuan.lib.display import choice_label, minute

from . import deadlines
from .models import Attachment, EventKind, ProgressReport, TaskEvent, UnitRole


@dataclasses.dataclass(slots=True)
class UnitRow:
    name: str
    via_group: str
    role_label: str
    signed: str  # when it signed for the item, "" if not yet
    missing: list  # its 缺报 periods


def unit_rows(assignments, missing: dict) -> list[UnitRow]:
    """The units table: each assignment (unit prefetched) with its part, signature time and 缺报 periods."""
    return [UnitRow(a.unit.name, a.via_group, choice_label(UnitRole, a.role), minute(a.signed_at),
                    missing.get(a.unit_id, [])) for a in assignments]


@dataclasses.dataclass(slots=True)
class ReportRow:
    pk: int
    unit_id: int
    period_key: str
    submitted: str
    unit_name: str
    period_label: str
    text: str
    files: list = dataclasses.field(default_factory=list)


def report_rows(task) -> list[ReportRow]:
    """The item's progress reports, newest first; their attachments come from attach_files."""
    return [ReportRow(pk, unit_id, period_key, minute(submitted_at), short_name or name,
                      deadlines.period_from_key(period_key).label if period_key else "", text)
            for pk, unit_id, period_key, text, submitted_at, name, short_name in (
                ProgressReport.objects.filter(task=task).order_by("-submitted_at", "-pk").values_list(
                    "pk", "unit_id", "period_key", "text", "submitted_at", "unit__name", "unit__short_name"))]


# One row of the reports table, with the whitespace the template's loop wrote around it.
_REPORT_ROW = ('\n      <tr><td class="text-nowrap small">{}</td><td class="small">{}</td>'
               '<td class="small text-nowrap">{}</td><td>{}</td>\n        <td class="small">{}</td></tr>\n    ')


def report_rows_html(reports, task_pk):
    """The reports table's rows as HTML: one string a row rather than a template loop with its lookups (an item
    collects a report per unit per period, so this grows with its age); files through tasks/_attachments.html."""
    return mark_safe("".join(format_html(
        _REPORT_ROW, row.submitted, row.unit_name, row.period_label, linebreaksbr(row.text, autoescape=True),
        render_to_string("tasks/_attachments.html", {"files": row.files, "url_name": "tasks:attachment",
                                                     "owner_pk": task_pk}) if row.files else "")
        for row in reports))


def attach_files(task, reports, closures):
    """Each report's and closure request's attachments (`files`), in their order, from one query (none if neither)."""
    files = {}
    if reports or closures:
        for attachment in Attachment.objects.filter(Q(report__task=task) | Q(closure__task=task)).only(
                "pk", "report_id", "closure_id", "name", "size"):
            owner = ("report", attachment.report_id) if attachment.report_id else ("closure", attachment.closure_id)
            files.setdefault(owner, []).append(attachment)
    for report in reports:
        report.files = files.get(("report", report.pk), [])
    for closure in closures:
        closure.files = files.get(("closure", closure.pk), [])


@dataclasses.dataclass(slots=True)
class EventRow:
    kind: str
    at: datetime.datetime
    at_text: str
    kind_label: str
    unit_name: str  # the unit's display name, "" when the event is not a unit's
    actor: str  # who did it, "" when nobody (the system)
    text: str
    signers: list = dataclasses.field(default_factory=list)  # consecutive 签收 of one day: one line


def timeline(task) -> list[EventRow]:
    """The item's events in order, consecutive 签收 of one day merged into one line listing the units."""
    merged = []
    for kind, at, text, name, short_name, full_name, username in (
            TaskEvent.objects.filter(task=task).order_by("at", "pk").values_list(
                "kind", "at", "text", "unit__name", "unit__short_name", "actor__full_name", "actor__username")):
        event = EventRow(kind, at, minute(at), choice_label(EventKind, kind), short_name or name or "",
                         full_name or username or "", text)
        previous = merged[-1] if merged else None
        if (kind == EventKind.SIGNED and previous is not None and previous.kind == EventKind.SIGNED
                and previous.at.date() == at.date()):
            previous.signers.append(event)
            continue
        if kind == EventKind.SIGNED:
            event.signers = [event]
        merged.append(event)
    return merged
