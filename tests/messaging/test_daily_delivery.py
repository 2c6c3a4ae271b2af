"""Done when: with a local fake webhook, the daily scan plus the worker deliver each of the day's 催办 exactly once."""

import datetime
import re

import pytest
from django.core.management import call_command

from fuyuan.messaging.models import Delivery, DeliveryStatus, Message
from fuyuan.messaging.receipts import token_for
from tasks.models import Reminder
from tests.tasks.builders import make_task

TODAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def rules(settings):
    settings.DUE_SOON_DAYS = 7


def dated(world, title, due, lead="旗公安局"):
    task = make_task(world, title, lead=lead, responsible=["旗财政局"], due_in=1)
    task.due_date = due
    task.save()
    return task


def test_scan_and_worker_deliver_each_reminder_once(world, fake_channel, settings):
    settings.WECOM_WEBHOOK_URL = fake_channel.url("/cgi-bin/webhook/send?key=OFFICE")
    dated(world, "临期一", TODAY + datetime.timedelta(days=3))
    dated(world, "逾期一", TODAY - datetime.timedelta(days=2), lead="旗司法局")
    dated(world, "尚早", TODAY + datetime.timedelta(days=30))
    call_command("send_outbox", "--until-empty")  # the 交办 messages
    fake_channel.requests.clear()

    for _run in range(2):  # cron runs twice; a worker is restarted in between
        call_command("scan_deadlines", today=TODAY.isoformat())
        call_command("send_outbox", "--until-empty")

    reminders = Message.objects.filter(kind="reminder")
    assert Reminder.objects.count() == reminders.count() == 4  # two items × lead and responsible units
    links = [re.search(r"/m/([^/\s]+)/", body["text"]["content"])[1] for body in fake_channel.json_bodies()]
    assert sorted(links) == sorted(token_for(m.pk) for m in reminders)  # each once, none twice
    assert not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_db_worker_deliver_after_the_commit(world, fake_channel, settings):
    settings.WECOM_WEBHOOK_URL = fake_channel.url("/hook")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    dated(world, "队列事项", TODAY + datetime.timedelta(days=3))
    assert DBTaskResult.objects.count() >= 1 and fake_channel.requests == []  # queued, not yet sent
    call_command("db_worker", batch=True, startup_delay=False, interval=0.1)
    assert len(fake_channel.requests) == Delivery.objects.filter(channel="wecom").count() == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
