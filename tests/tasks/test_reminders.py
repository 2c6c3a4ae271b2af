"""催办: by hand from the office, and the daily scan for 临期 and 逾期 that never repeats itself."""

import pytest
from django.core.management import CommandError, call_command

from tasks import services
from tasks.models import Notification, Reminder, ReminderReason, Status
from tasks.scanning import scan_deadlines
from tasks.services import TransitionRefused
from tests.tasks.factories import TODAY, bring_to, day, long_term_task, make_task, snapshot


@pytest.fixture(autouse=True)
def windows(settings):
    settings.DUE_SOON_DAYS = 7
    settings.REPORT_GRACE_DAYS = 10


@pytest.fixture
def gaj_has_email(world):
    gaj = world.user("gaj")
    gaj.email = "gaj@wushen.gov.cn"
    gaj.save()
    return gaj


def sent():
    """What the units would notice: reminders on the item, messages in the app, emails."""
    return Reminder.objects.count(), Notification.objects.count()


def deliver_earlier_mail(mailoutbox):
    """The assignments' mails left when their transactions committed (a test's setup never commits): send them now."""
    from fuyuan.messaging.worker import deliver_due

    deliver_due()
    mailoutbox.clear()


def reminded(task):
    return sorted(task.reminders.values_list("unit__name", "reason", "dedupe_key"))


# ---------------------------------------------------------------- by hand


def test_a_manual_reminder_reaches_every_unit_in_the_app_and_by_email(world, gaj_has_email, mailoutbox,
                                                                       django_capture_on_commit_callbacks):
    task = make_task(world, "在办事项")
    deliver_earlier_mail(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        reminders = services.remind(task=task, by=world.user("office"), message="请于本周报送进展")
    assert reminded(task) == [("旗公安局", ReminderReason.MANUAL, ""), ("旗财政局", ReminderReason.MANUAL, "")]
    assert {r.sent_by for r in reminders} == {world.user("office")}
    for username in ("gaj", "czj"):
        assert Notification.objects.filter(user=world.user(username), reminder__isnull=False).count() == 1
    assert [m.to for m in mailoutbox] == [["gaj@wushen.gov.cn"]]
    assert "请于本周报送进展" in mailoutbox[0].body
    assert Reminder.objects.get(unit=world.unit("旗公安局")).emailed_to == "gaj@wushen.gov.cn"


def test_a_manual_reminder_to_one_unit(world):
    task = make_task(world)
    services.remind(task=task, by=world.user("office"), message="请牵头单位加快", units=[world.unit("旗公安局")])
    assert reminded(task) == [("旗公安局", ReminderReason.MANUAL, "")]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.CLOSED, Status.CANCELLED])
def test_only_open_items_are_chased(world, status):
    task = bring_to(world, status)
    before = snapshot(task)
    with pytest.raises(TransitionRefused):
        services.remind(task=task, by=world.user("office"), message="请加快")
    assert snapshot(task) == before


@pytest.mark.parametrize("username, message, units", [
    *[(name, "请加快", None) for name in ("leader", "court", "gaj", "czj", "sysadmin", "secadmin", "auditor")],
    ("office", "  ", None),
    ("office", "请加快", ["旗人民法院"]),  # not one of the item's units
])
def test_manual_reminders_refused(world, username, message, units):
    task = make_task(world)
    before = snapshot(task)
    with pytest.raises(TransitionRefused):
        services.remind(task=task, by=world.user(username), message=message,
                        units=units and [world.unit(name) for name in units])
    assert snapshot(task) == before


def test_bulk_reminders_skip_closed_and_cancelled_items(world):
    open_task = make_task(world, "在办")
    asked = bring_to(world, Status.CLOSURE_REQUESTED, "申请办结中")
    closed = bring_to(world, Status.CLOSED, "已办结")
    cancelled = bring_to(world, Status.CANCELLED, "已中止")
    items, reminders = services.remind_many(tasks=[open_task, asked, closed, cancelled], by=world.user("office"),
                                            message="请报送进展")
    assert (items, reminders) == (2, 4)
    assert closed.reminders.count() == cancelled.reminders.count() == 0


def test_reading_notifications_marks_only_ones_own(world):
    make_task(world, "一")
    make_task(world, "二")
    gaj, czj = world.user("gaj"), world.user("czj")
    first = gaj.notifications.order_by("pk").first()
    assert services.mark_read(user=gaj, notification_ids=[first.pk]) == 1
    assert gaj.notifications.filter(read_at__isnull=True).count() == 1
    assert services.mark_read(user=gaj, notification_ids=[czj.notifications.first().pk]) == 0
    assert services.mark_read(user=gaj) == 1
    assert czj.notifications.filter(read_at__isnull=True).count() == 2


# ---------------------------------------------------------------- the daily scan


def test_an_item_due_in_three_days_is_chased_as_due_soon_for_each_unit(world):
    task = make_task(world, "临期事项", due_date=day(3))
    make_task(world, "尚早事项", due_date=day(8))
    result = scan_deadlines(TODAY)
    assert (result.due_soon, result.overdue, result.missing_report) == (2, 0, 0)
    key = day(3).isoformat()
    assert reminded(task) == [("旗公安局", ReminderReason.DUE_SOON, key), ("旗财政局", ReminderReason.DUE_SOON, key)]
    assert Notification.objects.filter(reminder__task=task).count() == 2


def test_an_overdue_item_is_chased_as_overdue(world):
    task = make_task(world, "逾期事项", due_date=day(-2))
    assert scan_deadlines(TODAY).overdue == 2
    assert {reason for _, reason, _ in reminded(task)} == {ReminderReason.OVERDUE}


def test_an_item_is_chased_once_when_due_soon_and_once_when_overdue(world):
    task = make_task(world, "临期事项", due_date=day(3))
    for offset in range(0, 8):
        scan_deadlines(day(offset))
    assert sorted(reason for _, reason, _ in reminded(task)) == [ReminderReason.DUE_SOON] * 2 + [
        ReminderReason.OVERDUE] * 2


def test_scanning_again_sends_nothing(world, gaj_has_email, mailoutbox, django_capture_on_commit_callbacks):
    make_task(world, "临期事项", due_date=day(3))
    make_task(world, "逾期事项", due_date=day(-2))
    deliver_earlier_mail(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert scan_deadlines(TODAY).total == 4
    counts, mails = sent(), len(mailoutbox)
    assert counts == (4, 4 + 4) and mails == 2  # notifications: 4 reminders + 4 from the assignments
    with django_capture_on_commit_callbacks(execute=True):
        assert scan_deadlines(TODAY).total == 0
        assert scan_deadlines(day(1)).total == 0
    assert (sent(), len(mailoutbox)) == (counts, mails)


def test_the_command_run_twice_sends_nothing_the_second_time(world, gaj_has_email, mailoutbox,
                                                              django_capture_on_commit_callbacks, capsys):
    make_task(world, "临期事项", due_date=day(3))
    deliver_earlier_mail(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("scan_deadlines", "--today", "2024-05-02")
    assert "sent 2 reminders" in capsys.readouterr().out
    counts, mails = sent(), len(mailoutbox)
    assert mails == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("scan_deadlines", "--today", "2024-05-02")
    assert "sent 0 reminders" in capsys.readouterr().out
    assert (sent(), len(mailoutbox)) == (counts, mails)


def test_the_command_refuses_a_date_it_cannot_read(world):
    with pytest.raises(CommandError):
        call_command("scan_deadlines", "--today", "2024/05/02")


def test_an_approved_extension_earns_a_reminder_for_the_new_date(world):
    task = make_task(world, "延期事项", due_date=day(-1))
    scan_deadlines(TODAY)
    extension = services.request_extension(task=task, by=world.user("gaj"), new_due_date=day(5), reason="协调")
    services.decide_extension(extension=extension, by=world.user("office"), approve=True)
    result = scan_deadlines(TODAY)
    assert (result.due_soon, result.overdue) == (2, 0)
    assert task.reminders.filter(reason=ReminderReason.DUE_SOON, dedupe_key=day(5).isoformat()).count() == 2


@pytest.mark.parametrize("status", [Status.DRAFT, Status.CLOSURE_REQUESTED, Status.CLOSED, Status.CANCELLED])
def test_items_not_being_worked_on_are_not_chased(world, status):
    bring_to(world, status, due_date=day(-3), today=day(-5))
    assert scan_deadlines(TODAY).total == 0
    assert Reminder.objects.count() == 0


def test_a_long_term_item_whose_closure_was_requested_is_not_chased_for_reports(world):
    asked = long_term_task(world, "申请办结的长期事项", assigned_on=day(-200))
    services.request_closure(task=asked, by=world.user("gaj"), summary="已完成", today=day(-1))
    working = long_term_task(world, "在办的长期事项", assigned_on=day(-200))
    assert scan_deadlines(TODAY).missing_report == 2
    assert reminded(asked) == []
    assert {reason for _, reason, _ in reminded(working)} == {ReminderReason.MISSING_REPORT}
