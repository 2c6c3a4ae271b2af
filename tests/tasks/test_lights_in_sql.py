"""The ledger's light comes from SQL: it must agree with the Python rule for every combination."""

import datetime
import itertools

from django.utils import timezone

from tasks import deadlines
from tasks.models import Task
from tests.tasks.builders import make_task

TODAY = datetime.date(2024, 5, 2)
STATUSES = ["assigned", "in_progress", "closure_requested", "closed", "cancelled"]
OFFSETS = [-3, -1, 0, 1, 7, 8, 30]


def test_sql_light_equals_python_light_everywhere(world):
    made = []
    for status, offset, closure_offset in itertools.product(STATUSES, OFFSETS, [-2, 0, 2, None]):
        task = make_task(world, f"{status}{offset}{closure_offset}", due_in=1)
        due = TODAY + datetime.timedelta(days=offset)
        closure = None if closure_offset is None else due + datetime.timedelta(days=closure_offset)
        Task.objects.filter(pk=task.pk).update(status=status, due_date=due, closure_requested_on=closure)
        made.append(task.pk)
    long_term = make_task(world, "长期", due_in=None)
    made.append(long_term.pk)
    rows = Task.objects.filter(pk__in=made).with_light(TODAY, warn_days=7)
    for task in rows:
        expected = deadlines.light(status=task.status, deadline_kind=task.deadline_kind, due_date=task.due_date,
                                   closure_submitted_on=task.closure_requested_on, today=TODAY, warn_days=7)
        assert task.light == expected, (task.status, task.due_date, task.closure_requested_on)


def test_the_day_turns_at_midnight_in_shanghai(world):
    task = make_task(world, "五一前完成", due_in=1)
    Task.objects.filter(pk=task.pk).update(due_date=datetime.date(2024, 5, 1))
    late_evening_utc = datetime.datetime(2024, 5, 1, 16, 30, tzinfo=datetime.UTC)  # 00:30 on 2 May in Shanghai
    today = timezone.localdate(late_evening_utc)
    assert today == datetime.date(2024, 5, 2)
    assert Task.objects.with_light(today).get(pk=task.pk).light == deadlines.OVERDUE
    before_midnight = timezone.localdate(datetime.datetime(2024, 5, 1, 15, 59, tzinfo=datetime.UTC))
    assert Task.objects.with_light(before_midnight).get(pk=task.pk).light == deadlines.DUE_SOON


def test_the_ledger_sorts_red_first(world):
    green = make_task(world, "正常", due_in=30)
    red = make_task(world, "逾期", due_in=-1)
    yellow = make_task(world, "临期", due_in=2)
    grey = make_task(world, "长期", due_in=None)
    order = list(Task.objects.with_light().order_by("light_order").values_list("pk", flat=True))
    assert order == [red.pk, yellow.pk, green.pk, grey.pk]
