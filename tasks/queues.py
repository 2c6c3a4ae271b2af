"""Each role's working lists: what a liaison must do next, what waits for the office's decision."""

import datetime

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q

from . import deadlines
from .models import OPEN_STATUSES, ClosureRequest, DeadlineKind, Decision, ProgressReport, Status, TaskUnit
from .report_state import unit_missing_q
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


def _owes_report(unit_id, today: datetime.date) -> Q:
    """The unit is 缺报 on the item (report_state), or has not reported for the current period yet."""
    missing = Exists(TaskUnit.objects.filter(task=OuterRef("pk"), unit_id=unit_id).filter(unit_missing_q(today)))
    current = Q(pk__in=[])
    for cycle in deadlines.CYCLES:
        key = deadlines.period_containing(today, cycle).key
        reported = ProgressReport.objects.filter(task=OuterRef("pk"), unit_id=unit_id, period_key=key)
        current |= Q(cycle=cycle) & ~Exists(reported)
    return Q(deadline_kind__in=[DeadlineKind.LONG_TERM, DeadlineKind.PERIODIC]) & (missing | current)


def liaison_queues(user, today: datetime.date) -> dict:
    """待签收, 待报送, 临期, 逾期, 被退回 for the user's unit: (count, first rows) each.

    One query reads the unit's open items with the three flags the lists need and splits them in Python: a
    unit has tens to hundreds of open items, and five COUNTs plus five lists over the ledger's expressions cost
    ten query compilations on every liaison's home page (three quarters of its time before).
    """
    unit_id = user.unit_id
    unsigned = TaskUnit.objects.filter(task=OuterRef("pk"), unit_id=unit_id, signed_at__isnull=True)
    returned = ClosureRequest.objects.filter(task=OuterRef("pk"), unit_id=unit_id, decision=Decision.REJECTED)
    items = list(ledger_tasks(user, today).filter(status__in=OPEN_STATUSES)
                 .prefetch_related(None).select_related(None)  # the lists show no units, category or plan
                 .only(*LIST_COLUMNS)
                 .annotate(is_unsigned=Exists(unsigned), is_returned=Exists(returned),
                           owes_report=ExpressionWrapper(_owes_report(unit_id, today), output_field=BooleanField()))
                 .order_by("light_order", "due_date", "sort_key", "pk"))
    belongs = {
        "to_sign": lambda task: task.is_unsigned,
        "to_report": lambda task: task.status != Status.CLOSURE_REQUESTED and task.owes_report,
        "due_soon": lambda task: task.light == deadlines.DUE_SOON,
        "overdue": lambda task: task.light == deadlines.OVERDUE,
        "returned": lambda task: task.status == Status.IN_PROGRESS and task.is_returned,
    }
    queues = {}
    for name, test in belongs.items():
        rows = [task for task in items if test(task)]
        queues[name] = {"count": len(rows), "rows": rows[:LIST_LIMIT]}
    return queues


def light_counts(tasks) -> dict:
    """How many of these (annotated) tasks show each light, plus 缺报 and the total, in one grouped query."""
    return light_counts_from_groups(light_count_groups(tasks))


def office_queues(user, today: datetime.date) -> dict:
    """The office's queue: extension and closure requests waiting, drafts to assign, and the lights."""
    closures = pending_closures().order_by("requested_at")
    extensions = pending_extensions().order_by("requested_at")
    tasks = ledger_tasks(user, today, catch_up=True)
    return {
        "closures": list(closures[:LIST_LIMIT]),
        "closure_count": closures.count(),
        "extensions": list(extensions[:LIST_LIMIT]),
        "extension_count": extensions.count(),
        "draft_count": tasks.filter(status=Status.DRAFT).count(),
        "lights": light_counts(tasks.exclude(status=Status.DRAFT)),
        "overdue": list(tasks.filter(light=deadlines.OVERDUE).prefetch_related(None).select_related(None)
                        .only(*LIST_COLUMNS).order_by("due_date", "sort_key")[:LIST_LIMIT]),
    }


def units_without_liaison_waiting() -> list[dict]:
    """Units no active account acts for that have open items not signed: those items stay 未签收 for ever."""
    from fuyuan.units.models import MemberUnit

    return list(TaskUnit.objects.filter(task__status__in=OPEN_STATUSES, signed_at__isnull=True,
                                        unit__in=MemberUnit.objects.without_liaison())
                .order_by().values("unit_id", "unit__name", "unit__order")
                .annotate(items=Count("task", distinct=True)).order_by("unit__order", "unit__name"))
