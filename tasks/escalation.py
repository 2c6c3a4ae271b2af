"""The engine's side of escalation: which items are still open, which still overdue (fuyuan.messaging asks)."""

import datetime

from fuyuan.messaging.escalation import escalate

from .models import OPEN_STATUSES, DeadlineKind, Status, Task


def _open(task_ids):
    return set(Task.objects.filter(pk__in=task_ids, status__in=OPEN_STATUSES).values_list("pk", flat=True))


def _overdue(task_ids, today):
    # A closure request stops the clock, as in the daily scan.
    return set(Task.objects.filter(pk__in=task_ids, status__in=(Status.ASSIGNED, Status.IN_PROGRESS),
                                   deadline_kind=DeadlineKind.DATE, due_date__lt=today).values_list("pk", flat=True))


def escalate_reminders(today: datetime.date):
    """Escalate today's silent or late reminders to the units' leaders; nothing is escalated twice."""
    return escalate(today, open_items=_open, overdue_items=_overdue)
