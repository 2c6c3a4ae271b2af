"""催办: by hand from the office, and the daily scan for 临期, 逾期 and 缺报, which never repeats itself."""

import datetime

import pytest
from django.core.management import call_command

from tasks import services
from tasks.models import Notification, Reminder, ReminderReason
from tasks.scanning import scan_deadlines
from tasks.selectors import ledger_tasks, missing_periods
from tests.tasks.builders import make_task

TODAY = datetime.date(2024, 5, 2)


def at(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture(autouse=True)
def grace(settings):
    settings.REPORT_GRACE_DAYS = 10
    settings.DUE_SOON_DAYS = 7


def dated(world, title, due, **kwargs):
    task = make_task(world, title, responsible=["旗财政局"], due_in=1, assigned_on=at(-60), **kwargs)
    task.due_date = due
    task.save()
    return task


def test_the_scan_chases_due_soon_and_overdue_items_once(world, mailoutbox):
    world.user("gaj").email = "gaj@example.cn"
    world.user("gaj").save()
    soon = dated(world, "临期事项", at(3))
    late = dated(world, "逾期事项", at(-2))
    dated(world, "尚早事项", at(30))
    first = scan_deadlines(TODAY)
    assert (first.due_soon, first.overdue) == (2, 2)  # each of two units
    assert set(Reminder.objects.values_list("task__title", "reason")) == {
        ("临期事项", ReminderReason.DUE_SOON), ("逾期事项", ReminderReason.OVERDUE)}
    counts = (Reminder.objects.count(), Notification.objects.count(), len(mailoutbox))
    assert scan_deadlines(TODAY).total == 0
    call_command("scan_deadlines", "--today", TODAY.isoformat())
    assert (Reminder.objects.count(), Notification.objects.count(), len(mailoutbox)) == counts
    assert soon.reminders.count() == 2 and late.reminders.count() == 2


def test_an_approved_extension_earns_a_fresh_reminder_for_the_new_date(world):
    task = dated(world, "延期事项", at(-1))
    scan_deadlines(TODAY)
    extension = services.request_extension(task=task, by=world.user("gaj"), new_due_date=at(5), reason="协调")
    services.decide_extension(extension=extension, by=world.user("office"), approve=True)
    result = scan_deadlines(TODAY)
    assert result.due_soon == 2 and result.overdue == 0


def test_a_closure_request_stops_the_chasing(world):
    task = dated(world, "已申请办结", at(-1))
    services.request_closure(task=task, by=world.user("gaj"), summary="已完成")
    assert scan_deadlines(TODAY).total == 0


def test_manual_and_bulk_reminders(world):
    open_task = dated(world, "在办", at(20))
    closed = dated(world, "已办结", at(20))
    services.request_closure(task=closed, by=world.user("gaj"), summary="完成")
    services.close(task=closed, by=world.user("office"))
    items, sent = services.remind_many(tasks=[open_task, closed], by=world.user("office"), message="请报送进展")
    assert (items, sent) == (1, 2)
    assert Notification.objects.filter(user=world.user("czj"), task=open_task).exists()
    with pytest.raises(services.TransitionRefused):
        services.remind(task=open_task, by=world.user("leader"), message="x")


def long_term(world, assigned_on):
    return make_task(world, "长期事项", responsible=["旗财政局"], due_in=None, assigned_on=assigned_on)


def missing_flag(world, task, today):
    return ledger_tasks(world.user("office"), today).get(pk=task.pk).missing_report


def test_a_missing_quarter_report_is_flagged_from_the_day_after_its_due_date(world):
    task = long_term(world, datetime.date(2024, 1, 10))
    assert not missing_flag(world, task, datetime.date(2024, 4, 10))  # Q1 due on 10 April: still on time
    assert missing_flag(world, task, datetime.date(2024, 4, 11))
    services.report_progress(task=task, by=world.user("gaj"), text="一季度进展", period_key="2024-Q1",
                             today=datetime.date(2024, 4, 11))
    assert missing_flag(world, task, datetime.date(2024, 4, 11))  # 财政局 still owes its report
    assert [p.key for p in missing_periods(task, world.unit("旗财政局"), datetime.date(2024, 4, 11))] == ["2024-Q1"]
    assert missing_periods(task, world.unit("旗公安局"), datetime.date(2024, 4, 11)) == []
    services.report_progress(task=task, by=world.user("czj"), text="一季度配合情况", period_key="2024-Q1",
                             today=datetime.date(2024, 4, 11))
    assert not missing_flag(world, task, datetime.date(2024, 4, 11))


def test_a_task_assigned_after_the_period_owes_nothing_for_it(world):
    task = long_term(world, datetime.date(2024, 4, 5))
    assert not missing_flag(world, task, datetime.date(2024, 4, 20))
    assert missing_periods(task, world.unit("旗公安局"), datetime.date(2024, 4, 20)) == []


def test_the_scan_chases_missing_reports_once_per_period(world):
    long_term(world, datetime.date(2024, 1, 10))
    assert scan_deadlines(datetime.date(2024, 4, 11)).missing_report == 2
    assert scan_deadlines(datetime.date(2024, 4, 12)).missing_report == 0
    reminder = Reminder.objects.filter(reason=ReminderReason.MISSING_REPORT).first()
    assert reminder.dedupe_key == "2024-Q1"
