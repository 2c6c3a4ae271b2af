"""The group robots and the SMS gateway, against a server the test starts on 127.0.0.1."""

import base64
import datetime
import hashlib
import hmac
import json

from django.db import transaction
from django.utils import timezone

from fuyuan.messaging.models import Delivery, DeliveryStatus, UnitContacts
from fuyuan.messaging.worker import LEASE, deliver_due
from tasks import services
from tests.tasks.builders import make_task


def remind(world, task, message="请于本周五前报送办理情况"):
    return services.remind(task=task, by=world.user("office"), message=message)


def test_wecom_robot_gets_the_message_as_text_with_its_link(world, fake_channel, settings):
    settings.WECOM_WEBHOOK_URL = fake_channel.url("/cgi-bin/webhook/send?key=OFFICE")
    task = make_task(world, "矛盾纠纷多元化解")
    remind(world, task)
    deliver_due()
    bodies = fake_channel.json_bodies()
    assert len(bodies) == 2  # the 交办 and the 催办, to the office's group
    reminder = bodies[1]
    assert reminder["msgtype"] == "text"
    content = reminder["text"]["content"]
    assert content.startswith("【旗公安局】")
    assert "请于本周五前报送办理情况" in content and "矛盾纠纷多元化解" in content
    assert "https://fuyuan.example.gov.cn/m/" in content
    assert fake_channel.requests[1][2] == {"key": "OFFICE"}
    delivery = Delivery.objects.filter(channel="wecom").last()
    assert delivery.status == DeliveryStatus.SENT and delivery.sent_at and '"errmsg": "ok"' in delivery.answer


def test_dingtalk_robot_is_signed_with_timestamp_and_secret(world, fake_channel, settings):
    settings.DINGTALK_WEBHOOK_URL = fake_channel.url("/robot/send?access_token=TOKEN")
    settings.DINGTALK_SECRET = "SEC0123456789abcdef"
    make_task(world, "行政争议实质性化解")
    deliver_due()
    (method, path, query, _headers, body), = fake_channel.requests
    assert (method, path, query["access_token"]) == ("POST", "/robot/send", "TOKEN")
    timestamp = int(query["timestamp"])
    assert abs(timestamp / 1000 - timezone.now().timestamp()) < 60
    expected = base64.b64encode(hmac.new(b"SEC0123456789abcdef", f"{timestamp}\nSEC0123456789abcdef".encode(),
                                         hashlib.sha256).digest()).decode()
    assert query["sign"] == expected  # parse_qsl undid the URL encoding
    assert "行政争议实质性化解" in json.loads(body)["text"]["content"]


def test_unit_robot_with_its_own_secret(world, fake_channel):
    UnitContacts.objects.create(unit=world.unit("旗公安局"), robot_kind="dingtalk",
                                robot_url=fake_channel.url("/robot/send?access_token=GAJ"), robot_secret="SECgaj")
    make_task(world, "公安事项")
    make_task(world, "财政事项", lead="旗财政局")  # not this unit's robot
    deliver_due()
    (_m, _p, query, _h, body), = fake_channel.requests
    assert query["access_token"] == "GAJ" and query["sign"]
    content = json.loads(body)["text"]["content"]
    assert "公安事项" in content and not content.startswith("【")


def test_sms_gateway_gets_mobile_text_and_auth_header(world, fake_channel, settings):
    settings.SMS_GATEWAY_URL = fake_channel.url("/sms/send?sign=fuyuan")
    settings.SMS_AUTH_HEADER = "Authorization: Bearer T0KEN"
    settings.SMS_CONTENT_TYPE = "application/json; charset=utf-8"
    settings.SMS_BODY_TEMPLATE = '{"phone": "{mobile}", "content": "{text}"}'
    settings.SMS_SUCCESS_TEXT = '"code": 0'
    fake_channel.default = (200, '{"code": 0}')
    UnitContacts.objects.create(unit=world.unit("旗公安局"), sms_mobile="13800001234")
    make_task(world, "含\"引号\"的事项")
    deliver_due()
    (method, path, query, headers, body), = fake_channel.requests
    assert (method, path, query) == ("POST", "/sms/send", {"sign": "fuyuan"})
    assert headers["Authorization"] == "Bearer T0KEN"
    sent = json.loads(body)
    assert sent["phone"] == "13800001234" and '含"引号"的事项' in sent["content"]
    assert Delivery.objects.get(channel="sms").status == DeliveryStatus.SENT


def test_a_500_is_retried_with_growing_waits_then_marked_failed(world, fake_channel, settings):
    settings.WECOM_WEBHOOK_URL = fake_channel.url("/hook")
    fake_channel.default = (500, "internal error")
    make_task(world, "重试事项")
    delivery = Delivery.objects.get(channel="wecom")
    now = timezone.now()
    deliver_due(now)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    assert delivery.next_attempt_at == now + datetime.timedelta(seconds=60)
    assert deliver_due(now + datetime.timedelta(seconds=59)) == {}  # not due yet: nothing sent
    deliver_due(now + datetime.timedelta(seconds=60))
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == now + datetime.timedelta(seconds=60 + 120)
    deliver_due(now + datetime.timedelta(seconds=180))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
    assert delivery.answer.count("HTTP 500") == 3
    deliver_due(now + datetime.timedelta(days=1))
    assert len(fake_channel.requests) == 3  # failed for good: never tried again


def test_a_refusal_then_success_is_delivered_once(world, fake_channel, settings):
    settings.WECOM_WEBHOOK_URL = fake_channel.url("/hook")
    fake_channel.answers = [(200, '{"errcode": 45009, "errmsg": "api freq out of limit"}')]
    make_task(world, "限频事项")
    now = timezone.now()
    deliver_due(now)
    deliver_due(now + datetime.timedelta(minutes=1))
    deliver_due(now + datetime.timedelta(minutes=10))
    delivery = Delivery.objects.get(channel="wecom")
    assert delivery.status == DeliveryStatus.SENT and len(fake_channel.requests) == 2
    assert "45009" in delivery.answer


def test_a_worker_restart_midway_sends_nothing_twice(world, fake_channel, settings, monkeypatch):
    from fuyuan.messaging import channels

    settings.WECOM_WEBHOOK_URL = fake_channel.url("/hook")
    for n in range(4):
        make_task(world, f"事项{n}")
    real = channels.SENDERS["wecom"]
    calls = []

    def dies_on_the_third(*args):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the worker is killed while holding the third row
        return real(*args)

    monkeypatch.setitem(channels.SENDERS, "wecom", dies_on_the_third)
    now = timezone.now()
    try:
        deliver_due(now)
    except KeyboardInterrupt:
        pass
    monkeypatch.setitem(channels.SENDERS, "wecom", real)
    assert len(fake_channel.requests) == 2
    assert deliver_due(now + datetime.timedelta(seconds=1)) == {"sent": 1}  # the fourth; the third is still held
    deliver_due(now + LEASE + datetime.timedelta(seconds=1))  # the restarted worker takes over the abandoned row
    deliver_due(now + LEASE + datetime.timedelta(hours=1))
    contents = [body["text"]["content"] for body in fake_channel.json_bodies()]
    assert sorted(c.split("\n")[0] for c in contents) == sorted({c.split("\n")[0] for c in contents})
    assert len(contents) == 4
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_reminder_in_a_transaction_that_rolls_back_sends_nothing(world, fake_channel, settings):
    settings.WECOM_WEBHOOK_URL = fake_channel.url("/hook")
    task = make_task(world, "回滚事项")
    deliver_due()
    before = (Delivery.objects.count(), len(fake_channel.requests))
    try:
        with transaction.atomic():
            remind(world, task)
            assert Delivery.objects.count() > before[0]
            raise RuntimeError("something later in the same request failed")
    except RuntimeError:
        pass
    deliver_due(timezone.now() + datetime.timedelta(days=1))
    assert (Delivery.objects.count(), len(fake_channel.requests)) == before


def test_an_unreachable_channel_is_recorded_and_retried(world, settings):
    settings.WECOM_WEBHOOK_URL = "http://127.0.0.1:9/hook"  # discard port: refused
    make_task(world, "无法连接")
    deliver_due()
    delivery = Delivery.objects.get(channel="wecom")
    assert delivery.status == DeliveryStatus.PENDING and "Error" in delivery.answer
