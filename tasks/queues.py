"""Each role's working lists: what a liaison must do next, what waits for the office's decision."""

import datetime

from django.db.models import Count

from . import deadlines, light_state, report_state
from .models import OPEN_STATUSES, ClosureRequest, DeadlineKind, Decision, ProgressReport, Status, TaskUnit
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


def liaison_queues(user, today: datetime.date) -> dict:
    """待签收, 待报送, 临期, 逾期, 被退回 for the user's unit: (count, first rows) each.

    The unit's open items come from its own assignment rows (one per item): whether it signed and whether it
    is 缺报 are columns there; the item's light and 缺报 are its rules applied in Python to the columns they
    read (the same rules the stored columns hold), and the lists are split and ordered in Python. Two narrow
    queries add what a row does not hold: the unit's reports for the current periods, and its closures sent
    back. (Five COUNTs and five lists over the ledger's expressions were three quarters of a liaison's home
    page; one query with every flag as a subquery still cost most of it to compile.)
    """
    unit_id = user.unit_id
    assignments = list(TaskUnit.objects.filter(unit_id=unit_id, task__status__in=OPEN_STATUSES)
                       .select_related("task").only("task_id", "signed_at", "unreported_period_end",
                                                    *(f"task__{column}" for column in TASK_COLUMNS)))
    cutoff = report_state.missing_cutoff(today)
    periodic = [a for a in assignments if a.task.deadline_kind in PERIODIC_KINDS]
    current = {cycle: deadlines.period_containing(today, cycle).key for cycle in deadlines.CYCLES}
    reported = set(ProgressReport.objects.filter(unit_id=unit_id, task_id__in=[a.task_id for a in periodic],
                                                 period_key__in=set(current.values()))
                   .values_list("task_id", "period_key")) if periodic else set()
    in_progress = [a.task_id for a in assignments if a.task.status == Status.IN_PROGRESS]
    returned = set(ClosureRequest.objects.filter(unit_id=unit_id, task_id__in=in_progress,
                                                 decision=Decision.REJECTED)
                   .values_list("task_id", flat=True)) if in_progress else set()
    tasks = []
    for assignment in assignments:
        task = assignment.task
        # The rules in Python (deadlines.light, report_state): the stored columns serve SQL's sorts and counts.
        task.light = task.light_today(today)
        task.missing_report = task.unreported_period_end is not None and task.unreported_period_end < cutoff
        task.is_unsigned = assignment.signed_at is None
        task.is_returned = task.pk in returned
        task.owes_report = task.deadline_kind in PERIODIC_KINDS and (
            (assignment.unreported_period_end is not None and assignment.unreported_period_end < cutoff)
            or (task.cycle in current and (task.pk, current[task.cycle]) not in reported))
        tasks.append(task)
    # The ledger's order: red first, then by deadline (undated last, as PostgreSQL sorts NULLs), number, id.
    tasks.sort(key=lambda task: (light_state.LIGHT_ORDER[task.light], task.due_date is None,
                                 task.due_date or today, task.sort_key, task.pk))
    belongs = {
        "to_sign": lambda task: task.is_unsigned,
        "to_report": lambda task: task.status != Status.CLOSURE_REQUESTED and task.owes_report,
        "due_soon": lambda task: task.light == deadlines.DUE_SOON,
        "overdue": lambda task: task.light == deadlines.OVERDUE,
        "returned": lambda task: task.status == Status.IN_PROGRESS and task.is_returned,
    }
    queues = {}
    for name, test in belongs.items():
        rows = [task for task in tasks if test(task)]
        queues[name] = {"count": len(rows), "rows": rows[:LIST_LIMIT]}
    return queues


def light_counts(tasks) -> dict:
    """How many of these (annotated) tasks show each light, plus 缺报 and the total, in one grouped query."""
    return light_counts_from_groups(light_count_groups(tasks))


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
        "lights": light_counts(tasks.exclude(status=Status.DRAFT)),
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
