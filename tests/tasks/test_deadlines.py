"""The calendar rules in tasks.deadlines: month arithmetic, reporting periods, report due dates, traffic lights."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasks import deadlines as d

D = datetime.date
dates = st.dates(D(1900, 1, 1), D(2999, 12, 31))
cycles = st.sampled_from(d.CYCLES)
graces = st.integers(0, 120)


# ---------------------------------------------------------------- months


@pytest.mark.parametrize("day, months, expected", [
    (D(2024, 1, 31), 1, D(2024, 2, 29)),     # leap year: clamped to the 29th
    (D(2023, 12, 31), 2, D(2024, 2, 29)),    # across the year end into a leap February
    (D(2023, 1, 31), 1, D(2023, 2, 28)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2024, 12, 31), 1, D(2025, 1, 31)),
    (D(2024, 7, 15), 0, D(2024, 7, 15)),
    (D(2024, 3, 31), -1, D(2024, 2, 29)),
    (D(2024, 1, 15), -1, D(2023, 12, 15)),
    (D(2024, 1, 31), -2, D(2023, 11, 30)),
    (D(2024, 1, 15), -13, D(2022, 12, 15)),
    (D(2024, 5, 31), -12, D(2023, 5, 31)),
    (D(2024, 11, 30), 2, D(2025, 1, 30)),    # across the year end, the day kept
])
def test_adding_months_keeps_the_day_or_clamps_it_to_the_month_end(day, months, expected):
    assert d.add_months(day, months) == expected


@given(dates, st.integers(-240, 240))
def test_adding_months_moves_the_calendar_month_exactly(day, months):
    result = d.add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + datetime.timedelta(days=1)).day == 1)
    if day.day <= 28:
        assert d.add_months(result, -months) == day


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize("day, cycle, key, label, start, end", [
    (D(2024, 3, 15), d.MONTHLY, "2024-03", "2024年3月", D(2024, 3, 1), D(2024, 3, 31)),
    (D(2024, 2, 1), d.MONTHLY, "2024-02", "2024年2月", D(2024, 2, 1), D(2024, 2, 29)),
    (D(2024, 12, 31), d.MONTHLY, "2024-12", "2024年12月", D(2024, 12, 1), D(2024, 12, 31)),
    (D(2024, 1, 1), d.QUARTERLY, "2024-Q1", "2024年第1季度", D(2024, 1, 1), D(2024, 3, 31)),
    (D(2024, 3, 31), d.QUARTERLY, "2024-Q1", "2024年第1季度", D(2024, 1, 1), D(2024, 3, 31)),
    (D(2024, 2, 29), d.QUARTERLY, "2024-Q1", "2024年第1季度", D(2024, 1, 1), D(2024, 3, 31)),
    (D(2024, 4, 1), d.QUARTERLY, "2024-Q2", "2024年第2季度", D(2024, 4, 1), D(2024, 6, 30)),
    (D(2024, 12, 31), d.QUARTERLY, "2024-Q4", "2024年第4季度", D(2024, 10, 1), D(2024, 12, 31)),
    (D(2024, 6, 30), d.HALF_YEARLY, "2024-H1", "2024年上半年", D(2024, 1, 1), D(2024, 6, 30)),
    (D(2024, 7, 1), d.HALF_YEARLY, "2024-H2", "2024年下半年", D(2024, 7, 1), D(2024, 12, 31)),
    (D(2024, 5, 5), d.YEARLY, "2024", "2024年度", D(2024, 1, 1), D(2024, 12, 31)),
])
def test_each_cycle_names_its_periods_by_key_and_chinese_label(day, cycle, key, label, start, end):
    period = d.period_containing(day, cycle)
    assert (period.key, period.label, str(period), period.start, period.end) == (key, label, label, start, end)


@given(dates, cycles)
def test_a_period_key_reads_back_to_the_same_period(day, cycle):
    period = d.period_containing(day, cycle)
    again = d.period_from_key(period.key)
    assert (again, again.cycle, again.key, again.label) == (period, cycle, period.key, period.label)
    assert period.start <= day <= period.end
    assert period.start.day == 1 and (period.end + datetime.timedelta(days=1)).day == 1


@given(dates, cycles)
def test_periods_follow_each_other_without_gap_or_overlap(day, cycle):
    period = d.period_containing(day, cycle)
    following, preceding = d.next_period(period), d.previous_period(period)
    assert following.start == period.end + datetime.timedelta(days=1)
    assert preceding.end == period.start - datetime.timedelta(days=1)
    assert d.previous_period(following) == period == d.next_period(preceding)
    assert preceding < period < following
    assert following.cycle == preceding.cycle == cycle


@pytest.mark.parametrize("key, previous, following", [
    ("2024-01", "2023-12", "2024-02"),
    ("2024-12", "2024-11", "2025-01"),
    ("2024-Q1", "2023-Q4", "2024-Q2"),
    ("2024-Q4", "2024-Q3", "2025-Q1"),
    ("2024-H1", "2023-H2", "2024-H2"),
    ("2024-H2", "2024-H1", "2025-H1"),
    ("2024", "2023", "2025"),
])
def test_next_and_previous_periods_cross_the_year_end(key, previous, following):
    period = d.period_from_key(key)
    assert d.previous_period(period).key == previous
    assert d.next_period(period).key == following


@pytest.mark.parametrize("bad", [
    "", "2024-00", "2024-13", "2024-1", "2024-Q0", "2024-Q5", "2024-H0", "2024-H3", "2024-q1", "2024Q1",
    "24-Q1", "20245", "abcd", " 2024", "2024 ", "2024-03\n", "2024-Q1\n", "2024\n",
])
def test_anything_but_a_period_key_is_refused(bad):
    with pytest.raises(ValueError):
        d.period_from_key(bad)


# ---------------------------------------------------------------- report due dates and 缺报


@pytest.mark.parametrize("cycle, grace, on_time_until, period_key, before_it", [
    (d.QUARTERLY, 10, D(2024, 4, 10), "2024-Q1", "2023-Q4"),
    (d.MONTHLY, 10, D(2024, 4, 10), "2024-03", "2024-02"),
    (d.HALF_YEARLY, 10, D(2024, 7, 10), "2024-H1", "2023-H2"),
    (d.YEARLY, 10, D(2025, 1, 10), "2024", "2023"),
    (d.QUARTERLY, 0, D(2024, 3, 31), "2024-Q1", "2023-Q4"),
    (d.MONTHLY, 40, D(2024, 5, 10), "2024-03", "2024-02"),  # grace longer than the month itself
])
def test_a_report_is_on_time_on_its_due_date_and_missing_from_the_next_day(cycle, grace, on_time_until, period_key,
                                                                             before_it):
    period = d.period_from_key(period_key)
    assert d.report_due_date(period, grace) == on_time_until
    assert d.last_due_period(on_time_until, cycle, grace).key == before_it
    assert d.last_due_period(on_time_until + datetime.timedelta(days=1), cycle, grace).key == period_key


@given(dates, cycles, graces)
def test_the_last_due_period_is_the_newest_one_already_late(today, cycle, grace):
    last = d.last_due_period(today, cycle, grace)
    assert d.report_due_date(last, grace) < today
    assert d.report_due_date(d.next_period(last), grace) >= today


@pytest.mark.parametrize("start, today, expected", [
    (D(2024, 1, 10), D(2024, 4, 10), []),                  # Q1's report is still on time
    (D(2024, 1, 10), D(2024, 4, 11), ["2024-Q1"]),
    (D(2024, 3, 31), D(2024, 4, 11), ["2024-Q1"]),         # assigned on the quarter's last day: owes it
    (D(2024, 4, 1), D(2024, 4, 11), []),                   # assigned after Q1 ended: owes nothing for it
    (D(2023, 11, 20), D(2024, 7, 11), ["2023-Q4", "2024-Q1", "2024-Q2"]),
    (D(2024, 9, 1), D(2024, 10, 5), []),
    (D(2024, 2, 15), D(2024, 10, 20), ["2024-Q1", "2024-Q2", "2024-Q3"]),
])
def test_periods_due_since_assignment_oldest_first(start, today, expected):
    assert [p.key for p in d.periods_due(start, today, d.QUARTERLY, 10)] == expected


@given(dates, dates, cycles, graces)
def test_periods_due_are_consecutive_from_the_assignment_to_the_last_late_one(start, today, cycle, grace):
    due = d.periods_due(start, today, cycle, grace)
    if due:
        assert due[0] == d.period_containing(start, cycle)
        assert due[-1] == d.last_due_period(today, cycle, grace)
        assert all(d.next_period(a) == b for a, b in zip(due, due[1:], strict=False))
    else:
        assert d.period_containing(start, cycle) > d.last_due_period(today, cycle, grace)


# ---------------------------------------------------------------- the traffic light

TODAY = D(2024, 5, 2)


def light(status=d.IN_PROGRESS, kind=d.KIND_DATE, due=None, closure=None, today=TODAY, warn_days=7):
    return d.light(status=status, deadline_kind=kind, due_date=due, closure_submitted_on=closure, today=today,
                   warn_days=warn_days)


def ahead(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.mark.parametrize("status, kind, due, closure, expected", [
    (d.IN_PROGRESS, d.KIND_DATE, ahead(0), None, d.DUE_SOON),              # due today: yellow, not yet late
    (d.IN_PROGRESS, d.KIND_DATE, ahead(-1), None, d.OVERDUE),              # due yesterday: red
    (d.ASSIGNED, d.KIND_DATE, ahead(-400), None, d.OVERDUE),
    (d.IN_PROGRESS, d.KIND_DATE, ahead(7), None, d.DUE_SOON),              # 7 days ahead: yellow
    (d.IN_PROGRESS, d.KIND_DATE, ahead(8), None, d.ON_TRACK),              # 8 days ahead: green
    (d.CLOSED, d.KIND_DATE, ahead(-30), ahead(-30), d.CLOSED_ON_TIME),     # closure asked on the due date
    (d.CLOSED, d.KIND_DATE, ahead(-30), ahead(-29), d.CLOSED_LATE),        # one day after
    (d.CLOSED, d.KIND_DATE, ahead(30), ahead(-5), d.CLOSED_ON_TIME),
    (d.CLOSURE_REQUESTED, d.KIND_DATE, ahead(-1), ahead(-3), d.ON_TRACK),  # asked in time; the office is slow
    (d.CLOSURE_REQUESTED, d.KIND_DATE, ahead(-1), ahead(-1), d.ON_TRACK),
    (d.CLOSURE_REQUESTED, d.KIND_DATE, ahead(-2), ahead(-1), d.OVERDUE),   # asked one day after the deadline
    (d.CLOSURE_REQUESTED, d.KIND_DATE, ahead(-3), ahead(-1), d.OVERDUE),
    (d.CLOSURE_REQUESTED, d.KIND_DATE, ahead(2), ahead(0), d.ON_TRACK),    # nothing left to hurry
    (d.CANCELLED, d.KIND_DATE, ahead(-30), None, d.CANCELLED),
    (d.CANCELLED, d.KIND_LONG_TERM, None, None, d.CANCELLED),
    (d.IN_PROGRESS, d.KIND_LONG_TERM, None, None, d.NO_DEADLINE),
    (d.IN_PROGRESS, d.KIND_PERIODIC, None, None, d.NO_DEADLINE),
    (d.ASSIGNED, d.KIND_NONE, None, None, d.NO_DEADLINE),
    (d.CLOSURE_REQUESTED, d.KIND_LONG_TERM, None, ahead(-1), d.NO_DEADLINE),
    (d.CLOSED, d.KIND_LONG_TERM, None, ahead(-1), d.CLOSED_ON_TIME),
    (d.CLOSED, d.KIND_LONG_TERM, None, None, d.CLOSED_ON_TIME),            # no deadline to miss
])
def test_the_light_of_an_item_today(status, kind, due, closure, expected):
    assert light(status=status, kind=kind, due=due, closure=closure) == expected


@pytest.mark.parametrize("warn_days, due, expected", [
    (0, ahead(0), d.DUE_SOON),
    (0, ahead(1), d.ON_TRACK),
    (14, ahead(14), d.DUE_SOON),
    (14, ahead(15), d.ON_TRACK),
])
def test_the_warning_window_is_configurable(warn_days, due, expected):
    assert light(due=due, warn_days=warn_days) == expected


def test_red_yellow_green_and_grey_colours():
    colours = {x: d.light_colour(x) for x in d.LIGHTS}
    assert colours[d.OVERDUE] == colours[d.CLOSED_LATE] == "danger"
    assert colours[d.DUE_SOON] == "warning"
    assert colours[d.ON_TRACK] == colours[d.CLOSED_ON_TIME] == "success"
    assert colours[d.NO_DEADLINE] == colours[d.CANCELLED] == "secondary"
    assert d.LIGHTS[:2] == (d.OVERDUE, d.DUE_SOON)  # what needs attention sorts first


def test_the_lights_chinese_labels():
    assert [str(d.light_label(x)) for x in (d.OVERDUE, d.DUE_SOON, d.ON_TRACK)] == ["逾期", "临期", "正常"]


@pytest.mark.parametrize("due, expected", [(None, None), (ahead(3), 3), (ahead(0), 0), (ahead(-2), -2)])
def test_days_left(due, expected):
    assert d.days_left(due, TODAY) == expected
