"""Periods, report due dates and the traffic-light rule: pure date logic, checked at every boundary."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasks import deadlines as d

D = datetime.date


@pytest.mark.parametrize("day, months, expected", [
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2023, 12, 31), 2, D(2024, 2, 29)),
    (D(2023, 1, 31), 1, D(2023, 2, 28)),
    (D(2024, 3, 31), -1, D(2024, 2, 29)),
    (D(2024, 1, 15), -13, D(2022, 12, 15)),
    (D(2024, 11, 30), 2, D(2025, 1, 30)),
])
def test_calendar_months_clamp_to_the_month_end(day, months, expected):
    assert d.add_months(day, months) == expected


@pytest.mark.parametrize("day, cycle, key, label, start, end", [
    (D(2024, 3, 15), d.MONTHLY, "2024-03", "2024年3月", D(2024, 3, 1), D(2024, 3, 31)),
    (D(2024, 2, 29), d.QUARTERLY, "2024-Q1", "2024年第1季度", D(2024, 1, 1), D(2024, 3, 31)),
    (D(2024, 12, 31), d.QUARTERLY, "2024-Q4", "2024年第4季度", D(2024, 10, 1), D(2024, 12, 31)),
    (D(2024, 6, 30), d.HALF_YEARLY, "2024-H1", "2024年上半年", D(2024, 1, 1), D(2024, 6, 30)),
    (D(2024, 7, 1), d.HALF_YEARLY, "2024-H2", "2024年下半年", D(2024, 7, 1), D(2024, 12, 31)),
    (D(2024, 5, 5), d.YEARLY, "2024", "2024年度", D(2024, 1, 1), D(2024, 12, 31)),
])
def test_periods_have_keys_and_chinese_labels(day, cycle, key, label, start, end):
    period = d.period_containing(day, cycle)
    assert (period.key, period.label, period.start, period.end) == (key, label, start, end)


@given(st.dates(D(2000, 1, 1), D(2099, 12, 31)), st.sampled_from(d.CYCLES))
def test_period_keys_round_trip_and_periods_tile_the_calendar(day, cycle):
    period = d.period_containing(day, cycle)
    assert period.start <= day <= period.end
    assert d.period_from_key(period.key) == period
    assert d.next_period(period).start == period.end + datetime.timedelta(days=1)
    assert d.previous_period(d.next_period(period)) == period


@pytest.mark.parametrize("bad", ["", "2024-13", "2024-Q5", "24-Q1", "2024-H3", "abcd"])
def test_bad_period_keys_are_refused(bad):
    with pytest.raises(ValueError):
        d.period_from_key(bad)


def test_a_quarter_report_is_due_grace_days_after_the_quarter_and_missing_the_day_after():
    q1 = d.period_from_key("2024-Q1")
    assert d.report_due_date(q1, 10) == D(2024, 4, 10)
    assert d.last_due_period(D(2024, 4, 10), d.QUARTERLY, 10).key == "2023-Q4"  # Q1 still on time today
    assert d.last_due_period(D(2024, 4, 11), d.QUARTERLY, 10).key == "2024-Q1"  # missing from the next day


def test_periods_due_since_assignment():
    due = d.periods_due(D(2024, 2, 15), D(2024, 10, 20), d.QUARTERLY, 10)
    assert [p.key for p in due] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert d.periods_due(D(2024, 9, 1), D(2024, 10, 5), d.QUARTERLY, 10) == []


TODAY = D(2024, 5, 2)


def light(status="in_progress", kind=d.KIND_DATE, due=None, closure=None, today=TODAY):
    return d.light(status=status, deadline_kind=kind, due_date=due, closure_submitted_on=closure, today=today,
                   warn_days=7)


@pytest.mark.parametrize("due, expected", [
    (TODAY, d.DUE_SOON),                               # due today: still yellow, not yet late
    (TODAY - datetime.timedelta(days=1), d.OVERDUE),   # due yesterday: red
    (TODAY + datetime.timedelta(days=7), d.DUE_SOON),  # 7 days ahead: yellow
    (TODAY + datetime.timedelta(days=8), d.ON_TRACK),  # 8 days ahead: green
])
def test_light_boundaries(due, expected):
    assert light(due=due) == expected


def test_a_deadline_is_met_by_a_closure_request_on_that_day():
    due = D(2024, 4, 30)
    assert light(status="closed", due=due, closure=due) == d.CLOSED_ON_TIME
    assert light(status="closed", due=due, closure=due + datetime.timedelta(days=1)) == d.CLOSED_LATE
    # requested on time, not yet decided, the office takes a week: the clock stopped at the request
    assert light(status="closure_requested", due=due, closure=due) == d.ON_TRACK
    assert light(status="closure_requested", due=due, closure=due + datetime.timedelta(days=1)) == d.OVERDUE


def test_grey_and_cancelled():
    assert light(kind=d.KIND_LONG_TERM) == d.NO_DEADLINE
    assert light(status="closed", kind=d.KIND_LONG_TERM) == d.CLOSED_ON_TIME
    assert light(status="cancelled", due=D(2020, 1, 1)) == d.CANCELLED
    assert [str(d.light_label(x)) for x in (d.OVERDUE, d.DUE_SOON, d.ON_TRACK)] == ["逾期", "临期", "正常"]
