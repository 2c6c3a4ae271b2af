"""Two people acting on one item at the same moment: one wins, the other is refused, nothing happens twice.

PostgreSQL only: there rows are really locked (SQLite serialises whole transactions anyway). Run with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/fuyuan_dev.
"""

from tasks import services
from tasks.models import ClosureRequest, Decision, EventKind, ExtensionRequest, Notification, Reminder, Status, Task
from tasks.scanning import scan_deadlines
from tests.tasks.concurrency import RACING, one_refused, race
from tests.tasks.factories import TODAY, bring_to, day, make_task

pytestmark = RACING


def events(task, *kinds):
    return task.events.filter(kind__in=kinds).count()


def test_two_simultaneous_closures_close_once(world):
    task = bring_to(world, Status.CLOSURE_REQUESTED)
    office = world.user("office")
    one_refused(race(lambda: services.close(task=task, by=office, today=TODAY),
                     lambda: services.close(task=task, by=office, today=TODAY)))
    assert Task.objects.get(pk=task.pk).status == Status.CLOSED
    assert events(task, EventKind.CLOSED) == 1
    closure = ClosureRequest.objects.get(task=task)
    assert (closure.decision, closure.decided_by) == (Decision.APPROVED, office)
    assert Notification.objects.filter(task=task, user=world.user("gaj")).count() == 2  # assigned, closed once


def test_close_racing_send_back_leaves_one_consistent_outcome(world):
    task = bring_to(world, Status.CLOSURE_REQUESTED)
    office = world.user("office")
    one_refused(race(lambda: services.close(task=task, by=office, today=TODAY),
                     lambda: services.send_back(task=task, by=office, reason="佐证材料不全")))
    task = Task.objects.get(pk=task.pk)
    closure = ClosureRequest.objects.get(task=task)
    assert events(task, EventKind.CLOSED, EventKind.RETURNED) == 1
    if task.status == Status.CLOSED:
        assert (closure.decision, task.closed_on) == (Decision.APPROVED, TODAY)
    else:
        assert (task.status, task.closure_requested_on, closure.decision) == (Status.IN_PROGRESS, None,
                                                                              Decision.REJECTED)


def test_two_simultaneous_approvals_of_one_extension_move_the_deadline_once(world):
    task = bring_to(world, Status.IN_PROGRESS)
    extension = services.request_extension(task=task, by=world.user("gaj"), new_due_date=day(60), reason="协调")
    office = world.user("office")
    one_refused(race(lambda: services.decide_extension(extension=extension, by=office, approve=True),
                     lambda: services.decide_extension(extension=extension, by=office, approve=True)))
    extension.refresh_from_db()
    assert (extension.decision, extension.old_due_date) == (Decision.APPROVED, day(20))
    assert Task.objects.get(pk=task.pk).due_date == day(60)
    assert events(task, EventKind.EXTENSION_APPROVED, EventKind.EXTENSION_REJECTED) == 1


def test_two_simultaneous_extension_requests_leave_one_waiting(world):
    task = bring_to(world, Status.IN_PROGRESS)
    gaj = world.user("gaj")
    one_refused(race(
        lambda: services.request_extension(task=task, by=gaj, new_due_date=day(40), reason="协调"),
        lambda: services.request_extension(task=task, by=gaj, new_due_date=day(50), reason="协调"),
    ))
    assert ExtensionRequest.objects.filter(task=task, decision=Decision.PENDING).count() == 1
    assert events(task, EventKind.EXTENSION_REQUESTED) == 1


def test_two_simultaneous_scans_send_each_reminder_once(world):
    make_task(world, "临期事项", due_date=day(3))
    make_task(world, "逾期事项", due_date=day(-2))
    results = race(lambda: scan_deadlines(TODAY), lambda: scan_deadlines(TODAY))
    assert not any(isinstance(r, Exception) for r in results), results
    assert sum(r.total for r in results) == 4
    assert Reminder.objects.count() == 4
    assert Notification.objects.filter(reminder__isnull=False).count() == 4
