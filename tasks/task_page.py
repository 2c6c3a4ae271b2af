"""The item page's lists (units, progress reports, timeline), read and prepared once in Python.

A template looks up each value through its variable resolution, filters and get_FOO_display (which rebuilds the
field's whole choice list on every call); on an item with 40 units and 45 events that was most of the page. Here
each row is read as plain values in one query and its labels and times are made once, so the template prints
strings. The markup stays in task_detail.html.
"""

import dataclasses
import datetime
import html
import re

from django.db.models import BooleanField, OuterRef, Value
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from fuyuan.lib.display import choice_label, minute
from fuyuan.lib.sql import compiled_once, fetch, fetch_as, statement

from . import deadlines
from .models import Attachment, ClosureRequest, EventKind, ProgressReport, TaskEvent, TaskUnit, UnitRole


@dataclasses.dataclass(slots=True)
class UnitRow:
    unit_id: int
    role: str
    name: str
    display_name: str  # short name, else name (MemberUnit.display_name)
    via_group: str
    role_label: str
    signed_at: datetime.datetime | None
    signed: str  # when it signed for the item, "" if not yet
    has_liaison: bool
    missing: list = dataclasses.field(default_factory=list)  # its 缺报 periods


def unit_rows(task, with_liaison: bool = True) -> list[UnitRow]:
    """The item's units in printed order (part, then order), read as values in one query.

    `has_liaison`: some active account acts for the unit (fuyuan.units.models.has_liaison, as a subquery of this
    query), asked only when the page shows it (`with_liaison`, an item not closed or cancelled). The query's SQL
    is compiled once per process (fuyuan.lib.sql.compiled_once): the subquery's rule stays has_liaison's.
    """
    sql, params = (_units_with_liaison if with_liaison else _units)(task.pk)
    return [UnitRow(unit_id, role, name, short_name or name, via_group, choice_label(UnitRole, role), signed_at,
                    minute(signed_at), has_liaison)
            for unit_id, role, signed_at, via_group, name, short_name, has_liaison in fetch_as(sql, params, (
                None, None, TaskUnit._meta.get_field("signed_at"), None, None, None, _BOOLEAN))]


_BOOLEAN = BooleanField()  # how a computed true/false column is read (SQLite: 0 or 1)


def _units_of(task_id, liaison):
    return (TaskUnit.objects.filter(task_id=task_id).order_by("role", "order", "pk").annotate(has_liaison=liaison)
            .values_list("unit_id", "role", "signed_at", "via_group", "unit__name", "unit__short_name", "has_liaison"))


@compiled_once
def _units_with_liaison(task_id):
    from fuyuan.units.models import has_liaison

    return _units_of(task_id, has_liaison(OuterRef("unit_id")))


@compiled_once
def _units(task_id):
    return _units_of(task_id, Value(True))


def _text(value) -> str:
    # What {{ value }} prints for a string (django.utils.html.escape, without its lazy wrappers).
    return html.escape(str(value))


def _lines(value) -> str:
    # What {{ value|linebreaksbr }} prints for a string.
    return html.escape(_NEWLINES.sub("\n", str(value))).replace("\n", "<br>")


_NEWLINES = re.compile(r"\r\n|\r")


def unit_rows_html(rows, owes_reports) -> str:
    """The units table's rows as task_detail.html's loop wrote them, with each unit's 缺报 periods when it owes
    reports."""
    not_yet = f'<span class="text-danger">{_text(gettext("Not yet"))}</span>'
    parts = []
    for row in rows:
        via = f' <span class="text-muted small">（{_text(row.via_group)}）</span>' if row.via_group else ""
        missing = ""
        if owes_reports:
            badges = "".join(f'<span class="badge text-bg-danger me-1">{_text(period.label)}</span>'
                             for period in row.missing)
            missing = "<td>" + (badges or '<span class="text-muted">—</span>') + "</td>"
        # On a phone the part (牵头单位) never wraps, and a signing time breaks only between its date and its time:
        # a squeezed column broke them a few characters a line (「牵头单」「位」, 「2026-」「11-30」「17:02」).
        parts.append(f"\n      <tr><td>{_text(row.name)}{via}</td>"
                     f'<td class="text-nowrap">{_text(row.role_label)}</td>\n        '
                     f"<td>{_signed(row.signed) if row.signed else not_yet}</td>\n        {missing}</tr>\n    ")
    return mark_safe("".join(parts))


def _signed(text) -> str:
    """A signing time ("2026-11-30 17:02") that may break between its date and its time, never inside the date."""
    day, _, time = text.partition(" ")
    return f'<span class="text-nowrap">{_text(day)}</span> {_text(time)}'


def unit_names(rows, role) -> str:
    """The lead or responsible units' display names joined with 、 (as the unit_names tag prints them)."""
    return mark_safe("、".join(_text(row.display_name) for row in rows if row.role == role))


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
            for pk, unit_id, period_key, text, submitted_at, name, short_name in fetch_as(
                _sql(_REPORTS), [task.pk], (None, None, None, None, ProgressReport._meta.get_field("submitted_at")))]


def targets(task) -> list:
    """The item's quantitative targets (as task.targets.all() reads them: the query compiled once per process)."""
    from django.db import connection

    from .models import Target

    fields = Target._meta.concrete_fields
    names = [field.attname for field in fields]
    return [Target.from_db(connection.alias, names, row) for row in fetch_as(*_targets(task.pk), fields)]


@compiled_once
def _targets(task_id):
    from .models import Target

    return Target.objects.filter(task_id=task_id).values_list(*[f.attname for f in Target._meta.concrete_fields])


def children(user, task) -> list:
    """The sub-items this user may see (Task.objects.visible_to), their number and title, in the ledger's order."""
    from django.db import connection

    from .models import Task
    from .selectors import compiled_for

    return [Task.from_db(connection.alias, ["id", "number", "title"], row)
            for row in fetch(*compiled_for(user, _children, task.pk))]


def _children(user, parent_id):
    from .models import Task

    return Task.objects.visible_to(user).filter(parent_id=parent_id).values_list("id", "number", "title")


# One row of the reports table, with the whitespace the template's loop wrote around it.
_REPORT_ROW = ('\n      <tr><td class="text-nowrap small">{}</td><td class="small">{}</td>'
               '<td class="small text-nowrap">{}</td><td>{}</td>\n        <td class="small">{}</td></tr>\n    ')


def report_rows_html(reports, task_pk):
    """The reports table's rows as HTML: one string a row rather than a template loop with its lookups (an item
    collects a report per unit per period, so this grows with its age); files through tasks/_attachments.html."""
    return mark_safe("".join(_REPORT_ROW.format(
        _text(row.submitted), _text(row.unit_name), _text(row.period_label), _lines(row.text),
        render_to_string("tasks/_attachments.html", {"files": row.files, "url_name": "tasks:attachment",
                                                     "owner_pk": task_pk}) if row.files else "")
        for row in reports))


@dataclasses.dataclass(slots=True)
class FileRow:
    """An attachment as tasks/_attachments.html prints it."""
    pk: int
    name: str
    size: int


def attach_files(task, reports, closures, any_files=True):
    """Each report's and closure request's attachments (`files`), in their order, from one query (none if neither,
    or when the item is known to have no files: `any_files`)."""
    files = {}
    if any_files and (reports or closures):
        for pk, report_id, closure_id, name, size in fetch(_sql(_ATTACHMENTS), [task.pk, task.pk]):
            owner = ("report", report_id) if report_id else ("closure", closure_id)
            files.setdefault(owner, []).append(FileRow(pk, name, size))
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
    for kind, at, text, name, short_name, full_name, username in fetch_as(
            _sql(_EVENTS), [task.pk], (None, TaskEvent._meta.get_field("at"))):
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


# The page's lists as plain statements (fuyuan.lib.sql): compiling them through the ORM cost more than running them.
# Each is the ORM query it replaced, in the same order (the models' orderings, the id last).
_REPORTS = ("SELECT {r.id}, {r.unit}, {r.period_key}, {r.text}, {r.submitted_at}, {u.name}, {u.short_name} "
            "FROM {r} INNER JOIN {u} ON {r.unit} = {u.id} WHERE {r.task} = %s "
            "ORDER BY {r.submitted_at} DESC, {r.id} DESC")
_EVENTS = ("SELECT {e.kind}, {e.at}, {e.text}, {u.name}, {u.short_name}, {a.full_name}, {a.username} "
           "FROM {e} LEFT OUTER JOIN {u} ON {e.unit} = {u.id} LEFT OUTER JOIN {a} ON {e.actor} = {a.id} "
           "WHERE {e.task} = %s ORDER BY {e.at}, {e.id}")
_ATTACHMENTS = ("SELECT {f.id}, {f.report}, {f.closure}, {f.name}, {f.size} FROM {f} "
                "LEFT OUTER JOIN {r} ON {f.report} = {r.id} LEFT OUTER JOIN {c} ON {f.closure} = {c.id} "
                "WHERE {r.task} = %s OR {c.task} = %s ORDER BY {f.order}, {f.id}")


def _sql(template: str) -> str:
    from fuyuan.accounts.models import User
    from fuyuan.units.models import MemberUnit

    return statement(template, r=ProgressReport, u=MemberUnit, e=TaskEvent, a=User, f=Attachment, c=ClosureRequest)


def timeline_html(events) -> str:
    """The timeline's items as task_detail.html's loop wrote them: one line an event, a day's 签收 as one line
    listing its units."""
    parts = []
    for event in events:
        head = (f'\n    <li class="timeline-item timeline-{_text(event.kind)}">'
                f'<span class="text-muted small text-nowrap me-2">{_text(event.at_text)}</span>'
                f'\n      <strong>{_text(event.kind_label)}</strong>')
        n = len(event.signers)
        if n > 1:
            who = (" · " + ngettext("%(n)s unit", "%(n)s units", n) % {"n": n}
                   + '\n        <div class="small ms-4 text-muted">'
                   + "、".join(_text(signer.unit_name) for signer in event.signers) + "</div>\n      ")
        else:
            who = ((f" · {_text(event.unit_name)}" if event.unit_name else "")
                   + (f' <span class="text-muted small">（{_text(event.actor)}）</span>' if event.actor else ""))
        text = f'<div class="small ms-4">{_lines(event.text)}</div>' if event.text else ""
        parts.append(f"{head}{who}\n      {text}</li>\n    ")
    return mark_safe("".join(parts))
