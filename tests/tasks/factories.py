"""Items built through the services on fixed dates, as the office and the units would make them.

The default item is led by 旗公安局 (liaison gaj) with 旗财政局 (liaison czj) responsible; the court and
the procuratorate have no part in it.
"""

import datetime

from auditlog.models import LogEntry

from tasks import services
from tasks.models import DeadlineKind, Notification, Origin, Status, Task, TaskEvent

TODAY = datetime.date(2024, 5, 2)


def day(offset):
    """TODAY shifted by `offset` days."""
    return TODAY + datetime.timedelta(days=offset)


def make_task(world, title="督办事项", *, lead="旗公安局", responsible=("旗财政局",), due_date=None,
              assigned_on=None, assign=True, **kwargs) -> Task:
    """A date-deadline item (due 20 days after TODAY unless told), assigned 30 days before TODAY unless told."""
    if kwargs.get("deadline_kind", DeadlineKind.DATE) == DeadlineKind.DATE:
        kwargs["due_date"] = due_date or day(20)
    office = world.user("office")
    task = services.create_task(by=office, origin=kwargs.pop("origin", Origin.ADHOC), title=title,
                                lead_units=[world.unit(lead)],
                                responsible_units=[world.unit(name) for name in responsible], **kwargs)
    if assign:
        services.assign(task=task, by=office, today=assigned_on or day(-30))
    return Task.objects.get(pk=task.pk)


def long_term_task(world, title="长期事项", *, assigned_on, cycle="quarterly", **kwargs) -> Task:
    """A long-term item that owes a report every `cycle`."""
    return make_task(world, title, deadline_kind=DeadlineKind.LONG_TERM, cycle=cycle, assigned_on=assigned_on,
                     **kwargs)


def bring_to(world, status, title=None, today=TODAY, **kwargs) -> Task:
    """A fresh item brought to `status` through the services, as the units and the office would."""
    task = make_task(world, title or f"{status}事项", assign=status != Status.DRAFT, **kwargs)
    if status in (Status.IN_PROGRESS, Status.CLOSURE_REQUESTED, Status.CLOSED):
        services.sign(task=task, by=world.user("gaj"))
    if status in (Status.CLOSURE_REQUESTED, Status.CLOSED):
        services.request_closure(task=task, by=world.user("gaj"), summary="已全部完成", today=today)
    if status == Status.CLOSED:
        services.close(task=task, by=world.user("office"), today=today)
    if status == Status.CANCELLED:
        services.cancel(task=task, by=world.user("office"), reason="任务调整")
    task = Task.objects.get(pk=task.pk)
    assert task.status == status
    return task


def snapshot(task):
    """Everything a transition could change about an item, read fresh from the database."""
    task = Task.objects.get(pk=task.pk)
    return {
        "status": task.status,
        "due_date": task.due_date,
        "assigned_on": task.assigned_on,
        "closure_requested_on": task.closure_requested_on,
        "closed_on": task.closed_on,
        "signed": sorted(task.assignments.filter(signed_at__isnull=False).values_list("unit_id", flat=True)),
        "events": TaskEvent.objects.filter(task=task).count(),
        "audit": LogEntry.objects.filter(additional_data__event="transition").count(),
        "reports": task.reports.count(),
        "extensions": sorted(task.extensions.values_list("pk", "decision", "new_due_date")),
        "closures": sorted(task.closures.values_list("pk", "decision")),
        "reminders": task.reminders.count(),
        "notifications": Notification.objects.count(),
    }
