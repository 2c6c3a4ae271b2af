"""The outbox is written with the notifications, in a fixed number of queries however many units are told."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fuyuan.messaging.models import Delivery, Message, UnitContacts
from fuyuan.units.models import MemberUnit
from tasks import services
from tests.tasks.builders import make_task


def queries_to_notify(task, units):
    with CaptureQueriesContext(connection) as captured:
        services.notify([services.Notice(task=task, text="催办", unit=unit, kind="reminder") for unit in units])
    return len(captured)


def test_one_message_per_unit_and_a_delivery_per_channel_and_address(world, settings):
    settings.WECOM_WEBHOOK_URL = "http://127.0.0.1:1/office"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:1/sms"
    gaj = world.user("gaj")
    gaj.email = "gaj@wushen.gov.cn"
    gaj.save()
    UnitContacts.objects.create(unit=world.unit("旗公安局"), sms_mobile="13800001234", robot_kind="wecom",
                                robot_url="http://127.0.0.1:1/gaj")
    task = make_task(world, "渠道", responsible=["旗财政局"], assign=False)
    services.assign(task=task, by=world.user("office"))
    messages = Message.objects.filter(task_id=task.pk)
    assert sorted(messages.values_list("unit__name", flat=True)) == ["旗公安局", "旗财政局"]
    gaj_message = messages.get(unit=world.unit("旗公安局"))
    assert sorted(gaj_message.deliveries.values_list("channel", "address")) == [
        ("email", "gaj@wushen.gov.cn"), ("sms", "13800001234"), ("wecom", "http://127.0.0.1:1/gaj"),
        ("wecom", "http://127.0.0.1:1/office")]
    assert Delivery.objects.filter(message__unit=world.unit("旗财政局")).count() == 1  # the office's group only


def test_telling_forty_units_costs_what_telling_two_does(world, settings):
    settings.WECOM_WEBHOOK_URL = "http://127.0.0.1:1/office"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:1/sms"
    units = list(MemberUnit.objects.all())
    for n, unit in enumerate(units):
        UnitContacts.objects.create(unit=unit, sms_mobile=f"139{n:08d}")
    task = make_task(world, "批量")
    small, large = queries_to_notify(task, units[:2]), queries_to_notify(task, units)
    assert len(units) >= 40 and small == large <= 7
