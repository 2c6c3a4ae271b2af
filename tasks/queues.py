"""Each role's working lists: what a liaison must do next, what waits for the office's decision."""

import datetime
import functools

from django.conf import settings
from django.db import connection
from django.db.models import Count

from fuyuan.lib.sql import fetch, fetch_as, name, placeholders

from . import deadlines, light_state, report_state
from .models import (
    OPEN_STATUSES,
    ClosureRequest,
    DeadlineKind,
    Decision,
    ProgressReport,
    Status,
    Task,
    TaskUnit,
    deadline_display,
)
from .selectors import (
    ledger_tasks,
    light_count_groups,
    light_counts_from_groups,
    pending_closures,
    pending_extensions,
)

LIST_LIMIT = 20
# What tasks/_task_rows.html prints of an item (with the ledger's light and 缺报 annotations).
LIST_COLUMNS = ("pk", "number", "title", "deadline_kind", "deadline_text", "due_date", "cycle", "status")
# What a liaison's lists read of an item: the printed columns, the sort's number, and the inputs of its light
# and 缺报.
TASK_COLUMNS = (*LIST_COLUMNS[1:], "sort_key", "closure_requested_on", "unreported_period_end")
PERIODIC_KINDS = (DeadlineKind.LONG_TERM, DeadlineKind.PERIODIC)


class QueueItem:
    """One of the unit's open items as its lists print it: what tasks/_task_rows.html reads of a Task (pk, number,
    title, deadline_display, get_status_display, light, missing_report), read as values, not built as a Task."""

    __slots__ = ("pk", "number", "title", "deadline_kind", "deadline_text", "due_date", "cycle", "status", "sort_key",
                 "light", "missing_report", "is_unsigned", "is_returned", "owes_report")

    @property
    def deadline_display(self):
        return deadline_display(self.deadline_kind, self.deadline_text, self.due_date, self.cycle)

    def get_status_display(self):
        return str(dict(Status.choices).get(self.status, self.status))


def _assignment_fields():
    """The dates among _assignments_sql's columns, by position, for fetch_as to convert (SQLite reads them as text)."""
    task = {name: Task._meta.get_field(name) for name in ("due_date", "closure_requested_on", "unreported_period_end")}
    return (None, None, None, None, None, task["due_date"], None, None, None, task["closure_requested_on"],
            task["unreported_period_end"], None, TaskUnit._meta.get_field("unreported_period_end"))


_ASSIGNMENT_FIELDS = _assignment_fields()


@functools.cache
def _assignments_sql(vendor) -> str:
    """The unit's assignments to open items, with the item's printed columns and the inputs of its light and 缺报:
    `TaskUnit.objects.filter(unit_id=…, task__status__in=OPEN_STATUSES).select_related("task")`, as values."""
    t, a = name(Task), name(TaskUnit)
    task = {column: f"{t}.{name(Task, column)}" for column in (
        "id", "number", "title", "deadline_kind", "deadline_text", "due_date", "cycle", "status", "sort_key",
        "closure_requested_on", "unreported_period_end")}
    return (f"SELECT {', '.join(task.values())}, {a}.{name(TaskUnit, 'signed_at')} IS NULL, "
            f"{a}.{name(TaskUnit, 'unreported_period_end')} "
            f"FROM {a} INNER JOIN {t} ON {t}.{name(Task, 'id')} = {a}.{name(TaskUnit, 'task')} "
            f"WHERE {a}.{name(TaskUnit, 'unit')} = %s AND {task['status']} IN ({placeholders(OPEN_STATUSES)})")


def liaison_queues(user, today: datetime.date) -> dict:
    """待签收, 待报送, 临期, 逾期, 被退回 for the user's unit: (count, first rows) each.

    The unit's open items come from its own assignment rows (one per item): whether it signed and whether it
    is 缺报 are columns there; the item's light and 缺报 are its rules applied in Python to the columns they
    read (the same rules the stored columns hold), and the lists are split and ordered in Python. Two narrow
    queries add what a row does not hold: the unit's reports for the current periods, and its closures sent
    back. (Five COUNTs and five lists over the ledger's expressions were three quarters of a liaison's home
    page; one query with every flag as a subquery still cost most of it to compile.) The three are plain
    statements read as values (QueueItem): through the ORM, compiling them and building a Task per row cost
    ~5,000 Python calls, an eighth of the page.
    """
    unit_id = user.unit_id
    cutoff = report_state.missing_cutoff(today)
    warn_days = settings.DUE_SOON_DAYS
    items, periodic, in_progress = [], [], []
    for (pk, number, title, deadline_kind, deadline_text, due_date, cycle, status, sort_key, closure_requested_on,
         task_unreported, unsigned, unit_unreported) in fetch_as(_assignments_sql(connection.vendor),
                                                                 [unit_id, *OPEN_STATUSES], _ASSIGNMENT_FIELDS):
        item = QueueItem()
        item.pk, item.number, item.title, item.status, item.sort_key = pk, number, title, status, sort_key
        item.deadline_kind, item.deadline_text, item.cycle = deadline_kind, deadline_text, cycle
        item.due_date = due_date
        # The rules in Python (deadlines.light, report_state): the stored columns serve SQL's sorts and counts.
        item.light = deadlines.light(status=status, deadline_kind=deadline_kind, due_date=due_date,
                                     closure_submitted_on=closure_requested_on, today=today,
                                     warn_days=warn_days)
        item.missing_report = task_unreported is not None and task_unreported < cutoff
        item.is_unsigned = bool(unsigned)
        item.owes_report = unit_unreported is not None and unit_unreported < cutoff  # completed below
        items.append(item)
        if deadline_kind in PERIODIC_KINDS:
            periodic.append(item)
        if status == Status.IN_PROGRESS:
            in_progress.append(pk)
    current = {cycle: deadlines.period_containing(today, cycle).key for cycle in deadlines.CYCLES}
    reported = set()
    if periodic:
        periods = sorted(set(current.values()))
        ids = [item.pk for item in periodic]
        reported = set(fetch(
            f"SELECT {name(ProgressReport, 'task')}, {name(ProgressReport, 'period_key')} FROM {name(ProgressReport)} "
            f"WHERE {name(ProgressReport, 'unit')} = %s AND {name(ProgressReport, 'task')} IN ({placeholders(ids)}) "
            f"AND {name(ProgressReport, 'period_key')} IN ({placeholders(periods)})", [unit_id, *ids, *periods]))
    returned = set()
    if in_progress:
        returned = {task_id for (task_id,) in fetch(
            f"SELECT {name(ClosureRequest, 'task')} FROM {name(ClosureRequest)} "
            f"WHERE {name(ClosureRequest, 'unit')} = %s AND {name(ClosureRequest, 'task')} IN "
            f"({placeholders(in_progress)}) AND {name(ClosureRequest, 'decision')} = %s",
            [unit_id, *in_progress, Decision.REJECTED])}
    for item in items:
        item.is_returned = item.pk in returned
        item.owes_report = item.deadline_kind in PERIODIC_KINDS and (
            item.owes_report or (item.cycle in current and (item.pk, current[item.cycle]) not in reported))
    # The ledger's order: red first, then by deadline (undated last, as PostgreSQL sorts NULLs), number, id.
    items.sort(key=lambda item: (light_state.LIGHT_ORDER[item.light], item.due_date is None,
                                 item.due_date or today, item.sort_key, item.pk))
    belongs = {
        "to_sign": lambda item: item.is_unsigned,
        "to_report": lambda item: item.status != Status.CLOSURE_REQUESTED and item.owes_report,
        "due_soon": lambda item: item.light == deadlines.DUE_SOON,
        "overdue": lambda item: item.light == deadlines.OVERDUE,
        "returned": lambda item: item.status == Status.IN_PROGRESS and item.is_returned,
    }
    queues = {}
    for queue, test in belongs.items():
        rows = [item for item in items if test(item)]
        queues[queue] = {"count": len(rows), "rows": rows[:LIST_LIMIT]}
    return queues


def light_counts(tasks, today) -> dict:
    """How many of these tasks (annotated for `today`) show each light, plus 缺报 and the total, in one statement."""
    return light_counts_from_groups(light_count_groups(tasks, today))


def office_queues(user, today: datetime.date) -> dict:
    """The office's queue: extension and closure requests waiting, drafts to assign, and the lights."""
    closures, closure_count = _first_and_count(pending_closures().order_by("requested_at"))
    extensions, extension_count = _first_and_count(pending_extensions().order_by("requested_at"))
    tasks = ledger_tasks(user, today, catch_up=True)
    return {
        "closures": closures,
        "closure_count": closure_count,
        "extensions": extensions,
        "extension_count": extension_count,
        "draft_count": tasks.filter(status=Status.DRAFT).count(),
        "lights": light_counts(tasks.exclude(status=Status.DRAFT), today),
        "overdue": list(tasks.filter(light=deadlines.OVERDUE).prefetch_related(None).select_related(None)
                        .only(*LIST_COLUMNS).order_by("due_date", "sort_key")[:LIST_LIMIT]),
    }


def _first_and_count(queryset):
    """(the first LIST_LIMIT rows, how many in all): a COUNT only when the list is full."""
    rows = list(queryset[:LIST_LIMIT])
    return rows, len(rows) if len(rows) < LIST_LIMIT else queryset.count()


def units_without_liaison_waiting() -> list[dict]:
    """Units no active account acts for that have open items not signed: those items stay 未签收 for ever."""
    from fuyuan.units.models import MemberUnit

    return list(TaskUnit.objects.filter(task__status__in=OPEN_STATUSES, signed_at__isnull=True,
                                        unit__in=MemberUnit.objects.without_liaison())
                .order_by().values("unit_id", "unit__name", "unit__order")
                .annotate(items=Count("task", distinct=True)).order_by("unit__order", "unit__name"))
