"""缺报: a long-term item owes a report from each unit every period, due REPORT_GRACE_DAYS after it ends."""

import datetime

import pytest

from tasks import services
from tasks.models import Reminder, ReminderReason, Task
from tasks.scanning import scan_deadlines
from tasks.selectors import ledger_tasks, missing_periods, report_period_choices
from tests.tasks.factories import long_term_task

D = datetime.date
ON_TIME_UNTIL = D(2024, 4, 10)  # Q1 ends 31 March; 10 days' grace
MISSING_FROM = D(2024, 4, 11)


@pytest.fixture(autouse=True)
def grace(settings):
    settings.REPORT_GRACE_DAYS = 10


@pytest.fixture
def task(world):
    return long_term_task(world, "矛盾纠纷排查化解", assigned_on=D(2024, 1, 10))


def flagged(world, task, today):
    return ledger_tasks(world.user("office"), today).get(pk=task.pk).missing_report


def missing(world, task, unit_name, today):
    task = Task.objects.get(pk=task.pk)  # as the item's page reads it
    return [p.key for p in missing_periods(task, world.unit(unit_name), today)]


def report(world, task, username, period_key, today=MISSING_FROM):
    services.report_progress(task=task, by=world.user(username), text="本季度进展", period_key=period_key,
                             today=today)


def test_nothing_is_missing_on_the_due_date_itself(world, task):
    assert not flagged(world, task, ON_TIME_UNTIL)
    for unit_name in ("旗公安局", "旗财政局"):
        assert missing(world, task, unit_name, ON_TIME_UNTIL) == []


def test_the_quarter_is_missing_from_the_next_day_for_every_unit(world, task):
    assert flagged(world, task, MISSING_FROM)
    for unit_name in ("旗公安局", "旗财政局"):
        assert missing(world, task, unit_name, MISSING_FROM) == ["2024-Q1"]


def test_a_report_for_the_quarter_clears_it_for_that_unit_only(world, task):
    report(world, task, "gaj", "2024-Q1")
    assert missing(world, task, "旗公安局", MISSING_FROM) == []
    assert missing(world, task, "旗财政局", MISSING_FROM) == ["2024-Q1"]
    assert flagged(world, task, MISSING_FROM)  # 财政局 still owes it
    report(world, task, "czj", "2024-Q1")
    assert not flagged(world, task, MISSING_FROM)


def test_a_report_for_another_quarter_does_not_clear_it(world, task):
    report(world, task, "gaj", "2024-Q2")
    report(world, task, "czj", "2024-Q2")
    assert flagged(world, task, MISSING_FROM)
    assert missing(world, task, "旗公安局", MISSING_FROM) == ["2024-Q1"]


def test_a_report_sent_in_the_grace_days_counts(world, task):
    report(world, task, "gaj", "2024-Q1", today=D(2024, 4, 3))
    report(world, task, "czj", "2024-Q1", today=ON_TIME_UNTIL)
    assert not flagged(world, task, MISSING_FROM)


@pytest.mark.parametrize("assigned_on, today, expected", [
    (D(2024, 4, 5), D(2024, 4, 20), []),             # assigned after Q1 ended: owes nothing for it
    (D(2024, 3, 31), D(2024, 4, 20), ["2024-Q1"]),   # assigned on its last day: owes it
    (D(2024, 4, 5), D(2024, 7, 11), ["2024-Q2"]),
])
def test_an_item_owes_only_the_periods_since_it_was_assigned(world, assigned_on, today, expected):
    task = long_term_task(world, assigned_on=assigned_on)
    assert missing(world, task, "旗公安局", today) == expected
    assert flagged(world, task, today) == bool(expected)


def test_missed_periods_accumulate_oldest_first(world, task):
    report(world, task, "gaj", "2024-Q2", today=D(2024, 7, 5))
    assert missing(world, task, "旗公安局", D(2024, 10, 11)) == ["2024-Q1", "2024-Q3"]
    assert missing(world, task, "旗财政局", D(2024, 10, 11)) == ["2024-Q1", "2024-Q2", "2024-Q3"]


def test_a_closed_item_owes_nothing_after_its_closure(world, task):
    services.request_closure(task=task, by=world.user("gaj"), summary="已完成", today=D(2024, 5, 2))
    services.close(task=task, by=world.user("office"), today=D(2024, 5, 6))
    a_year_later = D(2025, 5, 2)
    assert missing(world, task, "旗财政局", a_year_later) == ["2024-Q1"]  # missed while it was open
    assert not flagged(world, task, a_year_later)


def test_a_cancelled_item_owes_nothing(world, task):
    services.cancel(task=task, by=world.user("office"), reason="任务调整")
    assert missing(world, task, "旗财政局", MISSING_FROM) == []
    assert not flagged(world, task, MISSING_FROM)


@pytest.mark.parametrize("cycle, grace_days", [("quarterly", 10), ("monthly", 10), ("monthly", 45),
                                               ("half_yearly", 10), ("yearly", 10)])
def test_a_unit_can_report_for_every_period_it_is_or_will_be_chased_for(world, settings, cycle, grace_days):
    settings.REPORT_GRACE_DAYS = grace_days
    task = long_term_task(world, cycle=cycle, assigned_on=D(2023, 11, 20))
    for today in (D(2024, 4, 5), D(2024, 4, 11), D(2024, 7, 1), D(2025, 1, 15)):
        choices = {p.key for p in report_period_choices(task, today)}
        owed_soon = {p.key for p in missing_periods(task, world.unit("旗公安局"), today + datetime.timedelta(days=60))
                     if p.start <= today}
        assert owed_soon <= choices, today


def test_the_scan_chases_a_missing_report_once_per_period(world, task):
    assert scan_deadlines(ON_TIME_UNTIL).missing_report == 0
    assert scan_deadlines(MISSING_FROM).missing_report == 2
    assert scan_deadlines(D(2024, 4, 12)).missing_report == 0
    assert set(Reminder.objects.values_list("unit__name", "reason", "dedupe_key")) == {
        ("旗公安局", ReminderReason.MISSING_REPORT, "2024-Q1"), ("旗财政局", ReminderReason.MISSING_REPORT, "2024-Q1")}
    report(world, task, "gaj", "2024-Q2", today=D(2024, 7, 5))
    assert scan_deadlines(D(2024, 7, 11)).missing_report == 1  # only 财政局 missed Q2
