"""Units' channels set by the office, accounts' own mobiles with consent: masked, audited, used for SMS."""

from auditlog.models import LogEntry
from django.urls import reverse

from fuyuan.messaging.models import AccountMobile, Delivery, UnitContacts
from tests.tasks.builders import make_task


def personal_data_events():
    return LogEntry.objects.filter(additional_data__event="personal_data")


def test_the_office_sets_a_units_channels_and_sees_the_numbers_masked(world):
    office = world.client("office")
    unit = world.unit("旗公安局")
    assert 'data-testid="unit-channels"' in office.get(reverse("units:edit", args=[unit.pk])).content.decode()
    url = reverse("messaging:unit_contacts", args=[unit.pk])
    response = office.post(url, {"robot_kind": "wecom", "robot_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K",
                                 "sms_mobile": "138 0000 1234", "leader_in_charge_name": "张副局长",
                                 "leader_in_charge_mobile": "13900000001", "head_name": "", "head_mobile": ""})
    assert response.status_code == 302
    contacts = UnitContacts.objects.get(unit=unit)
    assert (contacts.sms_mobile, contacts.leader_in_charge_mobile) == ("13800001234", "13900000001")
    page = office.get(url).content.decode()
    assert "138****1234" in page and "13800001234" not in page
    # Saving again with the number fields blank keeps the numbers.
    office.post(url, {"robot_kind": "wecom", "robot_url": contacts.robot_url, "leader_in_charge_name": "张副局长"})
    contacts.refresh_from_db()
    assert contacts.sms_mobile == "13800001234"


def test_showing_the_full_numbers_is_audited(world):
    UnitContacts.objects.create(unit=world.unit("旗公安局"), sms_mobile="13800001234")
    before = personal_data_events().count()
    page = world.client("office").get(reverse("messaging:unit_contacts", args=[world.unit("旗公安局").pk]),
                                      {"reveal": "1"}).content.decode()
    assert "13800001234" in page
    assert personal_data_events().count() == before + 1


def test_a_bad_mobile_or_address_is_refused_and_nothing_changes(world):
    url = reverse("messaging:unit_contacts", args=[world.unit("旗公安局").pk])
    response = world.client("office").post(url, {"sms_mobile": "12345", "robot_url": "ftp://x", "robot_kind": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "11" in page
    assert not UnitContacts.objects.exists()


def test_an_account_gives_its_mobile_with_consent_and_withdraws_it(world, settings, fake_channel):
    settings.SMS_GATEWAY_URL = fake_channel.url("/sms")
    gaj = world.client("gaj")
    url = reverse("messaging:my_mobile")
    assert gaj.post(url, {"mobile": "13700000009"}).status_code == 200  # no consent ticked: refused
    assert not AccountMobile.objects.exists()
    gaj.post(url, {"mobile": "13700000009", "consent": "on"})
    assert "137****0009" in gaj.get(url).content.decode()
    make_task(world, "短信事项")
    assert Delivery.objects.filter(channel="sms", address="13700000009").count() == 1
    gaj.post(url, {"withdraw": "1"})
    assert not AccountMobile.objects.exists()
    make_task(world, "撤回后")
    assert Delivery.objects.filter(channel="sms", address="13700000009").count() == 1
    assert personal_data_events().filter(actor=world.user("gaj")).count() == 2
