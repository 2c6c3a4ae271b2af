"""Two people acting on one task at the same moment: one wins, the other is refused, nothing is lost.

Runs on PostgreSQL, where rows are really locked (SQLite serialises whole transactions anyway).
"""

from fuyuan.accounts.demo import load_accounts
from fuyuan.units.demo import load_units
from tasks import services
from tasks.models import ClosureRequest, EventKind, Status, Task, TaskEvent
from tests.tasks.builders import days, make_task
from tests.tasks.concurrency import RACING, one_refused, race

pytestmark = RACING


class FakeWorld:
    def __init__(self):
        self.units = load_units()
        self.accounts = load_accounts(self.units)

    def unit(self, name):
        return self.units[name]

    def user(self, username):
        return self.accounts[username]


def closure_requested(world):
    task = make_task(world, "并发事项", due_in=10)
    services.request_closure(task=task, by=world.user("gaj"), summary="已完成")
    return Task.objects.get(pk=task.pk)


def test_two_simultaneous_closures_close_once(fast_password_hashing):
    world = FakeWorld()
    task = closure_requested(world)
    office = world.user("office")
    one_refused(race(lambda: services.close(task=task, by=office), lambda: services.close(task=task, by=office)))
    assert Task.objects.get(pk=task.pk).status == Status.CLOSED
    assert TaskEvent.objects.filter(task=task, kind=EventKind.CLOSED).count() == 1
    assert ClosureRequest.objects.get(task=task).decision == "approved"


def test_close_racing_send_back_leaves_one_consistent_outcome(fast_password_hashing):
    world = FakeWorld()
    task = closure_requested(world)
    office = world.user("office")
    one_refused(race(lambda: services.close(task=task, by=office),
                     lambda: services.send_back(task=task, by=office, reason="材料不全")))
    task.refresh_from_db()
    closure = ClosureRequest.objects.get(task=task)
    if task.status == Status.CLOSED:
        assert closure.decision == "approved" and not TaskEvent.objects.filter(task=task, kind="returned").exists()
    else:
        assert task.status == Status.IN_PROGRESS and closure.decision == "rejected"
        assert task.closure_requested_on is None


def test_two_simultaneous_extension_approvals_move_the_deadline_once(fast_password_hashing):
    world = FakeWorld()
    task = make_task(world, "延期并发", due_in=10)
    extension = services.request_extension(task=task, by=world.user("gaj"), new_due_date=days(40), reason="协调")
    office = world.user("office")
    one_refused(race(lambda: services.decide_extension(extension=extension, by=office, approve=True),
                     lambda: services.decide_extension(extension=extension, by=office, approve=False, note="不同意")))
    extension.refresh_from_db()
    task.refresh_from_db()
    assert task.due_date == (days(40) if extension.decision == "approved" else days(10))
    decided = TaskEvent.objects.filter(task=task, kind__in=["extension_approved", "extension_rejected"]).count()
    assert decided == 1
