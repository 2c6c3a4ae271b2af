"""A plan's confirmation writes in bulk: queries do not grow with its size, yet every item keeps its own
timeline, audit entries, notifications and stored 缺报 state, exactly as create_task + assign would."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks import report_state
from tasks.bulk_create import NewTask, create_tasks
from tasks.models import EventKind, Notification, Origin, Status, Task, TaskEvent, TaskUnit

DAY = datetime.date(2024, 3, 1)


def batch(world, n):
    units = [world.unit("旗公安局"), world.unit("旗财政局")]
    prefix = Task.objects.count()  # ledger numbers are unique: each batch its own series
    return [NewTask(title=f"事项{i}", origin=Origin.PLAN, number=f"{prefix}-{i}", lead_units=units[:1],
                    responsible_units=units if i % 2 else [],
                    deadline_kind="long_term" if i % 3 == 0 else "date",
                    due_date=None if i % 3 == 0 else DAY + datetime.timedelta(days=i)) for i in range(n)]


def queries(world, n):
    with CaptureQueriesContext(connection) as captured:
        create_tasks(batch(world, n), by=world.user("office"), assign_on=DAY)
    return len(captured)


def test_queries_do_not_grow_with_the_number_of_items(world):
    queries(world, 1)  # content types are cached after the first use
    assert queries(world, 5) == queries(world, 60)


@pytest.mark.parametrize("assign", [True, False])
def test_every_item_is_recorded_as_one_by_one_creation_would(world, assign):
    tasks = create_tasks(batch(world, 12), by=world.user("office"), assign_on=DAY if assign else None)
    for task in Task.objects.filter(pk__in=[t.pk for t in tasks]):
        assert task.status == (Status.ASSIGNED if assign else Status.DRAFT)
        kinds = list(TaskEvent.objects.filter(task=task).values_list("kind", flat=True))
        assert kinds == ([EventKind.CREATED, EventKind.ASSIGNED] if assign else [EventKind.CREATED])
        audit = LogEntry.objects.filter(object_pk=str(task.pk), additional_data__event="transition",
                                        additional_data__detail__task=task.pk)
        assert audit.count() == len(kinds)
        units = list(TaskUnit.objects.filter(task=task).values_list("unit__name", "role"))
        assert units[0] == ("旗公安局", "lead")
        # the lead is not repeated as responsible
        assert len(units) == (2 if int(task.number.rpartition("-")[2]) % 2 else 1)
        ends, task_end = report_state.computed_state(task)
        assert dict(TaskUnit.objects.filter(task=task).values_list("pk", "unreported_period_end")) == ends
        assert task.unreported_period_end == task_end
    liaison_messages = Notification.objects.filter(user=world.user("gaj"), task__in=tasks).count()
    assert liaison_messages == (12 if assign else 0)


def test_assigned_items_are_inserted_in_their_final_state_not_read_back_and_rewritten(world):
    queries(world, 1)  # content types cached
    new_tasks = batch(world, 20)
    with CaptureQueriesContext(connection) as captured:
        create_tasks(new_tasks, by=world.user("office"), assign_on=DAY)
    statements = [query["sql"] for query in captured]
    assert not [sql for sql in statements if sql.startswith("SELECT") and ('"tasks_task"' in sql or
                                                                        '"tasks_taskunit"' in sql)]
    assert len([sql for sql in statements if sql.startswith("UPDATE")]) == 1  # the status, in one statement
