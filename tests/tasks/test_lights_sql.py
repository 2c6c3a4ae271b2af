"""The ledger's light is computed in SQL: it must equal deadlines.light() for every kind of item."""

import datetime
import itertools

import pytest
from django.utils import timezone

from tasks import deadlines
from tasks.models import DeadlineKind, Status, Task, TaskUnit
from tasks.selectors import ledger_tasks, light_expression
from tests.tasks.factories import TODAY, bring_to, day, long_term_task, make_task

DUE_OFFSETS = [-8, -1, 0, 1, 7, 8, 40]
CLOSURE_OFFSETS = [None, -1, 0, 1]


def python_light(task, today, warn_days):
    return deadlines.light(status=task.status, deadline_kind=task.deadline_kind, due_date=task.due_date,
                           closure_submitted_on=task.closure_requested_on, today=today, warn_days=warn_days)


@pytest.fixture
def every_combination(world):
    """One item per (status, deadline kind, due date, closure date), written straight to the table."""
    rows = []
    for status, kind in itertools.product(Status.values, DeadlineKind.values):
        dues = [day(n) for n in DUE_OFFSETS] if kind == DeadlineKind.DATE else [None]
        for due, closure_offset in itertools.product(dues, CLOSURE_OFFSETS):
            closure = None if closure_offset is None else (due or TODAY) + datetime.timedelta(days=closure_offset)
            rows.append(Task(title=f"{status} {kind} {due} {closure}", status=status, deadline_kind=kind,
                             due_date=due, closure_requested_on=closure, assigned_on=day(-60),
                             cycle="quarterly" if kind != DeadlineKind.DATE else ""))
    return Task.objects.bulk_create(rows)


@pytest.mark.parametrize("warn_days", [0, 7, 30])
def test_the_sql_light_equals_the_python_light_for_every_combination(every_combination, warn_days):
    rows = Task.objects.filter(pk__in=[t.pk for t in every_combination]).with_light(TODAY, warn_days=warn_days)
    mismatches = [(t.title, t.light, python_light(t, TODAY, warn_days)) for t in rows
                  if t.light != python_light(t, TODAY, warn_days)]
    assert mismatches == []
    assert len(rows) == len(every_combination) == 6 * (7 + 3) * 4
    assert {t.light for t in rows} == set(deadlines.LIGHTS)  # every light was reached


def test_the_light_read_through_an_assigned_unit_equals_the_items_own(every_combination, world):
    unit = world.unit("旗公安局")
    TaskUnit.objects.bulk_create(TaskUnit(task=t, unit=unit, role="lead") for t in every_combination)
    rows = TaskUnit.objects.filter(unit=unit).select_related("task").annotate(
        light=light_expression(TODAY, 7, prefix="task__"))
    assert [(a.task.title, a.light) for a in rows] == [(a.task.title, python_light(a.task, TODAY, 7)) for a in rows]


def test_the_light_follows_the_items_through_their_transitions(world, settings):
    settings.DUE_SOON_DAYS = 7
    made = [bring_to(world, status, due_date=day(3)) for status in Status.values]
    rows = Task.objects.filter(pk__in=[t.pk for t in made]).with_light(TODAY)
    assert {t.status: t.light for t in rows} == {
        Status.DRAFT: deadlines.DUE_SOON,
        Status.ASSIGNED: deadlines.DUE_SOON,
        Status.IN_PROGRESS: deadlines.DUE_SOON,
        Status.CLOSURE_REQUESTED: deadlines.ON_TRACK,
        Status.CLOSED: deadlines.CLOSED_ON_TIME,
        Status.CANCELLED: deadlines.CANCELLED,
    }
    assert all(t.light == t.light_today(TODAY) for t in rows)


def test_the_day_turns_at_midnight_in_shanghai(world):
    task = make_task(world, "五一前完成", due_date=datetime.date(2024, 5, 1))
    half_past_midnight = datetime.datetime(2024, 5, 1, 16, 30, tzinfo=datetime.UTC)  # 00:30 on 2 May in Shanghai
    today = timezone.localdate(half_past_midnight)
    assert today == datetime.date(2024, 5, 2)
    assert Task.objects.with_light(today).get(pk=task.pk).light == deadlines.OVERDUE
    a_minute_before = timezone.localdate(datetime.datetime(2024, 5, 1, 15, 59, tzinfo=datetime.UTC))
    assert a_minute_before == datetime.date(2024, 5, 1)
    assert Task.objects.with_light(a_minute_before).get(pk=task.pk).light == deadlines.DUE_SOON


def test_without_a_date_the_light_uses_todays_date_in_shanghai(world, monkeypatch):
    task = make_task(world, "五一前完成", due_date=datetime.date(2024, 5, 1))
    half_past_midnight = datetime.datetime(2024, 5, 1, 16, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: half_past_midnight)
    assert Task.objects.with_light().get(pk=task.pk).light == deadlines.OVERDUE
    assert ledger_tasks(world.user("office")).get(pk=task.pk).light == deadlines.OVERDUE
    assert task.light_today() == deadlines.OVERDUE


def test_the_ledger_puts_overdue_items_first(world):
    on_track = make_task(world, "正常", due_date=day(30))
    closed = bring_to(world, Status.CLOSED, "已办结", due_date=day(30))
    overdue = make_task(world, "逾期", due_date=day(-1))
    cancelled = bring_to(world, Status.CANCELLED, "已中止", due_date=day(-5))
    long_term = long_term_task(world, "长期", assigned_on=day(-10))
    due_soon = make_task(world, "临期", due_date=day(2))
    late = bring_to(world, Status.CLOSED, "逾期办结", due_date=day(-10), today=day(-2))
    rows = ledger_tasks(world.user("office"), TODAY).order_by("light_order", "pk")
    assert [(t.title, t.light) for t in rows] == [
        (overdue.title, deadlines.OVERDUE),
        (due_soon.title, deadlines.DUE_SOON),
        (on_track.title, deadlines.ON_TRACK),
        (long_term.title, deadlines.NO_DEADLINE),
        (closed.title, deadlines.CLOSED_ON_TIME),
        (late.title, deadlines.CLOSED_LATE),
        (cancelled.title, deadlines.CANCELLED),
    ]
