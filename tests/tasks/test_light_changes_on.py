"""When a light turns by the date alone (deadlines.light_changes_on), in Python and in SQL: the stored light's clock."""

import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasks import deadlines, light_state
from tasks.models import DeadlineKind, Status, Task
from tests.tasks.factories import TODAY, day

STATUSES = [deadlines.DRAFT, deadlines.ASSIGNED, deadlines.IN_PROGRESS, deadlines.CLOSURE_REQUESTED,
            deadlines.CLOSED, deadlines.CANCELLED_STATUS]
KINDS = [deadlines.KIND_DATE, deadlines.KIND_LONG_TERM, deadlines.KIND_PERIODIC, deadlines.KIND_NONE]
dates = st.dates(datetime.date(2000, 1, 1), datetime.date(2100, 1, 1))
maybe_dates = st.one_of(st.none(), dates)


def rule(**task):
    return {"light": deadlines.light(**task), "changes_on": deadlines.light_changes_on(**task)}


@given(st.sampled_from(STATUSES), st.sampled_from(KINDS), maybe_dates, maybe_dates, dates, st.integers(0, 60),
       st.integers(1, 400))
def test_the_light_holds_until_its_change_day_and_turns_on_it(status, kind, due, closure, today, warn_days, later):
    task = dict(status=status, deadline_kind=kind, due_date=due, closure_submitted_on=closure, warn_days=warn_days)
    now = rule(**task, today=today)
    changes_on = now["changes_on"]
    assert changes_on is None or changes_on > today
    until = changes_on or today + datetime.timedelta(days=later + 1)
    # Every day before the change day shows today's light: a stored light is right until then.
    for offset in sorted({1, later, (until - today).days - 1}):
        other = today + datetime.timedelta(days=offset)
        if other < until:
            assert deadlines.light(**task, today=other) == now["light"]
    if changes_on is not None:
        turned = rule(**task, today=changes_on)
        assert turned["light"] != now["light"]
        # Green turns yellow, yellow turns red; red never turns again.
        assert (now["light"], turned["light"]) in {(deadlines.ON_TRACK, deadlines.DUE_SOON),
                                                   (deadlines.DUE_SOON, deadlines.OVERDUE)}


@pytest.mark.parametrize(("due_in", "expected_in"), [(30, 23), (8, 1), (7, 8), (0, 1), (-1, None)])
def test_green_turns_yellow_a_week_before_and_yellow_red_the_day_after(due_in, expected_in):
    changes_on = deadlines.light_changes_on(status=deadlines.IN_PROGRESS, deadline_kind=deadlines.KIND_DATE,
                                            due_date=day(due_in), closure_submitted_on=None, today=TODAY,
                                            warn_days=7)
    assert changes_on == (None if expected_in is None else day(expected_in))


def test_a_closure_request_stops_the_clock():
    assert deadlines.light_changes_on(status=deadlines.CLOSURE_REQUESTED, deadline_kind=deadlines.KIND_DATE,
                                      due_date=day(3), closure_submitted_on=day(-1), today=TODAY,
                                      warn_days=7) is None


@pytest.mark.parametrize("warn_days", [0, 7, 30])
def test_the_sql_change_day_and_stored_columns_equal_the_python_rule(world, settings, warn_days):
    settings.DUE_SOON_DAYS = warn_days
    rows = []
    for status, kind in itertools.product(Status.values, DeadlineKind.values):
        dues = [day(n) for n in (-8, -1, 0, 1, 7, 8, 29, 31, 40)] if kind == DeadlineKind.DATE else [None]
        for due, closure_offset in itertools.product(dues, [None, -1, 0, 1]):
            closure = None if closure_offset is None else (due or TODAY) + datetime.timedelta(days=closure_offset)
            rows.append(Task(title=f"{status} {kind} {due} {closure}", status=status, deadline_kind=kind,
                             due_date=due, closure_requested_on=closure))
    Task.objects.bulk_create(rows)
    light_state.refresh(Task.objects.all(), TODAY)
    mismatches = []
    for task in Task.objects.all():
        expected = rule(status=task.status, deadline_kind=task.deadline_kind, due_date=task.due_date,
                        closure_submitted_on=task.closure_requested_on, today=TODAY, warn_days=warn_days)
        stored = {"light": task.stored_light, "changes_on": task.light_changes_on}
        if stored != expected or task.stored_light_order != deadlines.LIGHTS.index(expected["light"]):
            mismatches.append((task.title, stored, expected))
    assert mismatches == []
    assert {t.stored_light for t in Task.objects.all()} == set(deadlines.LIGHTS)
