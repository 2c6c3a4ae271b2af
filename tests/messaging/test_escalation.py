"""Escalation to the unit's leaders: unread N working days after a 催办, or still overdue M days after it."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from fuyuan.messaging.models import Delivery, Escalation, Message, UnitContacts
from fuyuan.messaging.worker import deliver_due
from fuyuan.workdays.models import CalendarDay
from fuyuan.workdays.services import seed_calendar
from tasks import services
from tasks.escalation import escalate_reminders
from tests.tasks.builders import make_task

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


@pytest.fixture(autouse=True)
def rules(settings):
    settings.ESCALATE_UNREAD_WORKING_DAYS = 3
    settings.ESCALATE_OVERDUE_DAYS = 7


def reminded_on(world, day, title="升级事项", due=None):
    """An item of 公安局 chased by the office on `day` at 9:00 Beijing time."""
    task = make_task(world, title)
    if due:
        task.due_date = due
        task.save()
    services.remind(task=task, by=world.user("office"), message="请尽快报送")
    message = Message.objects.get(kind="reminder", task_id=task.pk)
    Message.objects.filter(pk=message.pk).update(
        created_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=SHANGHAI))
    return task, message


def escalated(day):
    return [(e.reminder_message.unit.name, e.reason) for e in escalate_reminders(day)]


def test_unread_escalates_on_the_third_working_day_not_before(world):
    reminded_on(world, D(2026, 11, 26))  # a Thursday
    assert escalated(D(2026, 11, 30)) == []  # Fri, Mon: two working days
    assert escalated(D(2026, 12, 1)) == [("旗公安局", "unread")]  # Tue: the third
    assert escalated(D(2026, 12, 2)) == []  # once


def test_an_intervening_holiday_moves_the_day(world):
    CalendarDay.objects.create(date=D(2026, 11, 30), is_working_day=False, name="测试假日")
    reminded_on(world, D(2026, 11, 26))
    assert escalated(D(2026, 12, 1)) == []  # Fri and Tue: the Monday was a holiday
    assert escalated(D(2026, 12, 2)) == [("旗公安局", "unread")]


def test_national_day_and_its_adjusted_saturday(world):
    seed_calendar()
    reminded_on(world, D(2026, 9, 30))
    assert escalated(D(2026, 10, 9)) == []  # 1–7 October off; 8 and 9 October are two working days
    assert escalated(D(2026, 10, 10)) == [("旗公安局", "unread")]  # Saturday 10 October is a 调休 working day


def test_a_read_reminder_is_not_escalated_for_silence(world):
    task, _message = reminded_on(world, D(2026, 11, 26))
    world.client("gaj").get(reverse("tasks:detail", args=[task.pk]))
    assert escalated(D(2026, 12, 3)) == []


def test_still_overdue_escalates_m_days_after_the_reminder(world):
    task, _message = reminded_on(world, D(2026, 11, 20), due=D(2026, 11, 15))
    world.client("gaj").get(reverse("tasks:detail", args=[task.pk]))  # read, but still not done
    assert escalated(D(2026, 11, 26)) == []
    assert escalated(D(2026, 11, 27)) == [("旗公安局", "overdue")]


def test_a_closed_item_is_not_escalated(world):
    task, _message = reminded_on(world, D(2026, 11, 20), due=D(2026, 11, 15))
    services.cancel(task=task, by=world.user("office"), reason="撤销")
    assert escalated(D(2026, 12, 20)) == []


def test_escalation_reaches_the_leaders_by_sms_and_the_offices_queue(world, fake_channel, settings):
    settings.SMS_GATEWAY_URL = fake_channel.url("/sms")
    settings.SMS_BODY_TEMPLATE = '{"mobile": "{mobile}", "content": "{text}"}'
    UnitContacts.objects.create(unit=world.unit("旗公安局"), leader_in_charge_name="张副局长",
                                leader_in_charge_mobile="13900000001", head_name="李局长", head_mobile="13900000002")
    reminded_on(world, D(2026, 11, 26), title="必达事项")
    deliver_due()
    fake_channel.requests.clear()
    escalated(D(2026, 12, 1))
    deliver_due()
    sent = {body["mobile"]: body["content"] for body in fake_channel.json_bodies()}
    assert set(sent) == {"13900000001", "13900000002"}
    assert "旗公安局" in sent["13900000001"] and "3" in sent["13900000001"]
    assert Delivery.objects.filter(message__kind="escalation", channel="sms").count() == 2
    queue = world.client("office").get(reverse("tasks:queue")).content.decode()
    assert 'data-testid="escalations"' in queue and "旗公安局" in queue
    escalation = Escalation.objects.get()
    world.client("office").post(reverse("messaging:escalation_handled", args=[escalation.pk]))
    escalation.refresh_from_db()
    assert escalation.handled_at is not None
    assert "必达事项" not in world.client("office").get(reverse("tasks:queue")).content.decode().split(
        'data-testid="escalations"')[1]
