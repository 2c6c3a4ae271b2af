"""缺报, defined once: which units owe which item a report for which period, and the stored state behind it.

A long-term or periodic item owes, from each of its units, one report per period from the period it was
assigned in onward; a period's report is due REPORT_GRACE_DAYS after the period ends and is 缺报 from the
next day while the item is open (assigned, in progress or awaiting closure).

Every list page needs "is this unit (or this item) 缺报 today", and computing it per row is a correlated
anti-join per unit and period. So each assignment keeps `unreported_period_end`: the last day of the
oldest period it has not reported for, and each item the earliest of its units'. The value does not
depend on today's date — "缺报 today" is `unreported_period_end < today - grace` — so it changes only
when a report is made, an item is assigned or its units or cycle change, and the services that do
those call `refresh(task)`. `tests/tasks/test_report_state.py` holds stored and computed values equal.
"""

import datetime

from django.conf import settings
from django.db import connection
from django.db.models import Q

from fuyuan.lib.sql import execute, fetch, fetch_as, statement

from . import deadlines
from .models import OPEN_STATUSES, DeadlineKind, ProgressReport, Task, TaskUnit

PERIODIC_KINDS = (DeadlineKind.LONG_TERM, DeadlineKind.PERIODIC)


def first_unreported_period(*, assigned_on: datetime.date, cycle: str, reported_keys) -> deadlines.Period:
    """The oldest period since the assignment with no report among `reported_keys` (pure)."""
    period = deadlines.period_containing(assigned_on, cycle)
    while period.key in reported_keys:
        period = deadlines.next_period(period)
    return period


def owes_reports(task) -> bool:
    return task.deadline_kind in PERIODIC_KINDS and bool(task.cycle) and task.assigned_on is not None


def assigned_state(task) -> datetime.date | None:
    """The stored state of each unit of `task` just assigned (no report yet), and so the item's: the end of the
    period it was assigned in, or None when it owes no periodic reports (pure)."""
    if not owes_reports(task):
        return None
    return first_unreported_period(assigned_on=task.assigned_on, cycle=task.cycle, reported_keys=()).end


def computed_state(task) -> tuple[dict[int, datetime.date | None], datetime.date | None]:
    """What the stored state of `task` should be: {assignment pk: unreported_period_end}, and the item's."""
    assignments = list(TaskUnit.objects.filter(task=task).values_list("pk", "unit_id"))
    if not owes_reports(task):
        return {pk: None for pk, _ in assignments}, None
    reported: dict[int, set[str]] = {}
    for unit_id, key in ProgressReport.objects.filter(task=task).exclude(period_key="").values_list(
            "unit_id", "period_key"):
        reported.setdefault(unit_id, set()).add(key)
    ends = {pk: first_unreported_period(assigned_on=task.assigned_on, cycle=task.cycle,
                                        reported_keys=reported.get(unit_id, set())).end
            for pk, unit_id in assignments}
    return ends, min(ends.values(), default=None)


def refresh(task) -> None:
    """Recompute and store the 缺报 state of one item and its units (called by the services that change it)."""
    ends, task_end = computed_state(task)
    for pk, end in ends.items():
        TaskUnit.objects.filter(pk=pk).exclude(unreported_period_end=end).update(unreported_period_end=end)
    Task.objects.filter(pk=task.pk).update(unreported_period_end=task_end)
    task.unreported_period_end = task_end


def refresh_after_report(task, assignment, period_key: str) -> None:
    """What refresh(task) would store after `assignment`'s unit reported for `period_key`, touching only what a
    report can change; `task` and `assignment` as read under the item's lock, with their stored ends.

    A report adds one period to one unit's reported keys, so only that unit's end can move, only later, and only
    when the report is for its oldest unreported period (the one its end closes); the item's end, the earliest of
    its units', moves only when that unit held it. The other units' stored ends are right (every service that
    changes them refreshes) and are not recomputed: on an item of 40 units this was 40 UPDATEs per report. A
    stored state that cannot be right (an owing unit without an end, an item's end after its unit's, an end on
    an item that owes no reports) is recomputed whole, as refresh() does.
    """
    end, task_end = assignment.unreported_period_end, task.unreported_period_end
    if not owes_reports(task):
        if end is not None or task_end is not None:
            refresh(task)
        return
    if end is None or task_end is None or end < task_end:
        refresh(task)
        return
    if period_key != deadlines.period_containing(end, task.cycle).key:
        return  # a later period, or one reported before: the oldest unreported period is still the same
    reported = {key for (key,) in fetch(_sql(_UNIT_KEYS), [task.pk, assignment.unit_id])}
    new_end = first_unreported_period(assigned_on=task.assigned_on, cycle=task.cycle, reported_keys=reported).end
    execute(_sql(_SET_UNIT_END), [new_end, assignment.pk])
    assignment.unreported_period_end = new_end
    if end > task_end:
        return  # another unit's earlier end is the item's
    (others,), = fetch_as(_sql(_OTHER_UNITS_END), [task.pk, assignment.pk],
                          [TaskUnit._meta.get_field("unreported_period_end")])
    new_task_end = new_end if others is None else min(new_end, others)
    if new_task_end != task_end:
        execute(_sql(_SET_TASK_END), [new_task_end, task.pk])
        task.unreported_period_end = new_task_end


# refresh_after_report's statements, plain: ORM updates and filters cost more to compile than to run.
_UNIT_KEYS = "SELECT {r.period_key} FROM {r} WHERE {r.task} = %s AND {r.unit} = %s"
_SET_UNIT_END = "UPDATE {u} SET {u[unreported_period_end]} = %s WHERE {u.id} = %s"
_OTHER_UNITS_END = "SELECT MIN({u.unreported_period_end}) FROM {u} WHERE {u.task} = %s AND {u.id} <> %s"
_SET_TASK_END = "UPDATE {t} SET {t[unreported_period_end]} = %s WHERE {t.id} = %s"


def _sql(template: str) -> str:
    return statement(template, r=ProgressReport, u=TaskUnit, t=Task)


def refresh_all(tasks=None, batch_size=2000) -> int:
    """Recompute the state and latest report of many items (after a bulk load): a few queries per batch."""
    tasks = (Task.objects.all() if tasks is None else tasks).order_by("pk")
    ids = list(tasks.values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        _refresh_batch(ids[start:start + batch_size])
    return len(ids)


def _refresh_batch(ids):
    tasks = list(Task.objects.filter(pk__in=ids).only("pk", "deadline_kind", "cycle", "assigned_on"))
    reported: dict[tuple[int, int], set[str]] = {}
    latest = {}
    for task_id, unit_id, key, report_id in (ProgressReport.objects.filter(task_id__in=ids)
                                             .order_by("task_id", "submitted_at", "pk")
                                             .values_list("task_id", "unit_id", "period_key", "pk")):
        reported.setdefault((task_id, unit_id), set()).add(key)
        latest[task_id] = report_id
    assignments = {}
    for assignment in TaskUnit.objects.filter(task_id__in=ids).only("pk", "task_id", "unit_id"):
        assignments.setdefault(assignment.task_id, []).append(assignment)
    changed_units = []
    for task in tasks:
        ends = []
        for assignment in assignments.get(task.pk, []):
            end = None
            if owes_reports(task):
                end = first_unreported_period(assigned_on=task.assigned_on, cycle=task.cycle,
                                              reported_keys=reported.get((task.pk, assignment.unit_id), set())).end
                ends.append(end)
            assignment.unreported_period_end = end
            changed_units.append(assignment)
        task.unreported_period_end = min(ends, default=None)
        task.latest_report_id = latest.get(task.pk)
    # executemany rather than bulk_update: its CASE over thousands of ids is slow to build and to plan.
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {TaskUnit._meta.db_table} SET unreported_period_end = %s WHERE id = %s",
                           [(a.unreported_period_end, a.pk) for a in changed_units])
        cursor.executemany(f"UPDATE {Task._meta.db_table} SET unreported_period_end = %s, latest_report_id = %s "
                           "WHERE id = %s", [(t.unreported_period_end, t.latest_report_id, t.pk) for t in tasks])


# ---------------------------------------------------------------- the definition, in SQL and in Python

def missing_cutoff(today: datetime.date) -> datetime.date:
    """A period ending before this day is past its report due date on `today`."""
    return today - datetime.timedelta(days=settings.REPORT_GRACE_DAYS)


def task_missing_q(today: datetime.date, prefix: str = "") -> Q:
    """On Task rows (or TaskUnit rows with prefix "task__"): some unit of the open item is 缺报 today."""
    return Q(**{prefix + "status__in": OPEN_STATUSES, prefix + "unreported_period_end__lt": missing_cutoff(today)})


def unit_missing_q(today: datetime.date) -> Q:
    """On TaskUnit rows: this unit is 缺报 on its open item today."""
    return Q(task__status__in=OPEN_STATUSES, unreported_period_end__lt=missing_cutoff(today))


def owed_periods(task, reported_keys, today: datetime.date) -> list[deadlines.Period]:
    """The periods a unit with `reported_keys` owes `task` on `today`, oldest first (pure given its inputs)."""
    if not owes_reports(task) or task.status not in OPEN_STATUSES:
        return []
    due = deadlines.periods_due(task.assigned_on, today, task.cycle, settings.REPORT_GRACE_DAYS)
    return [p for p in due if p.key not in reported_keys]
