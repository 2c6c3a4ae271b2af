"""Two people acting on one task at the same moment: one wins, the other is refused, nothing is lost.

Runs on PostgreSQL, where rows are really locked (SQLite serialises whole transactions anyway).
"""

import threading

import pytest
from django.db import connection

from fuyuan.accounts.demo import load_accounts
from fuyuan.units.demo import load_units
from tasks import services
from tasks.models import ClosureRequest, EventKind, Status, Task, TaskEvent
from tests.tasks.builders import days, make_task

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL"),
]


class FakeWorld:
    def __init__(self):
        self.units = load_units()
        self.accounts = load_accounts(self.units)

    def unit(self, name):
        return self.units[name]

    def user(self, username):
        return self.accounts[username]


def race(*calls):
    """Run the calls in threads released together; returns each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # the refusal is the result we look at
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def closure_requested(world):
    task = make_task(world, "并发事项", due_in=10)
    services.request_closure(task=task, by=world.user("gaj"), summary="已完成")
    return Task.objects.get(pk=task.pk)


def test_two_simultaneous_closures_close_once(fast_password_hashing):
    world = FakeWorld()
    task = closure_requested(world)
    office = world.user("office")
    results = race(lambda: services.close(task=task, by=office), lambda: services.close(task=task, by=office))
    refused = [r for r in results if isinstance(r, services.TransitionRefused)]
    assert len(refused) == 1, results
    assert Task.objects.get(pk=task.pk).status == Status.CLOSED
    assert TaskEvent.objects.filter(task=task, kind=EventKind.CLOSED).count() == 1
    assert ClosureRequest.objects.get(task=task).decision == "approved"


def test_close_racing_send_back_leaves_one_consistent_outcome(fast_password_hashing):
    world = FakeWorld()
    task = closure_requested(world)
    office = world.user("office")
    results = race(lambda: services.close(task=task, by=office),
                   lambda: services.send_back(task=task, by=office, reason="材料不全"))
    assert sum(isinstance(r, services.TransitionRefused) for r in results) == 1, results
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
    results = race(lambda: services.decide_extension(extension=extension, by=office, approve=True),
                   lambda: services.decide_extension(extension=extension, by=office, approve=False, note="不同意"))
    assert sum(isinstance(r, services.TransitionRefused) for r in results) == 1, results
    extension.refresh_from_db()
    task.refresh_from_db()
    assert task.due_date == (days(40) if extension.decision == "approved" else days(10))
    decided = TaskEvent.objects.filter(task=task, kind__in=["extension_approved", "extension_rejected"]).count()
    assert decided == 1
