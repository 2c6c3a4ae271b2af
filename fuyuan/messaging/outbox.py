"""Writing messages and their outbox rows in the caller's transaction; the worker is woken after the commit.

`queue()` takes a list, so an event told to many units (or a scan's hundreds of reminders) costs a fixed
number of queries: contacts, consenting mobiles, one insert of messages, one of deliveries.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction

from fuyuan.accounts.roles import UNIT_ROLES, Role

from .models import AccountMobile, Channel, Delivery, Message, MessageKind, UnitContacts


@dataclasses.dataclass
class Outgoing:
    """One event told to one unit (unit_id) or, with unit_id None, to the office."""

    subject: str
    text: str
    unit_id: int | None = None
    kind: str = MessageKind.NOTICE
    task_id: int | None = None
    reminder_id: int | None = None
    path: str = ""
    emails: Sequence[tuple[str, str]] = ()  # (address, whose) of the accounts told in the app
    mobiles: Sequence[tuple[str, str]] = ()  # extra SMS recipients (a unit's leaders, on escalation)
    unit_channels: bool = True  # the unit's robot, the liaison's and consenting accounts' mobiles


def _office_robots():
    robots = []
    if settings.WECOM_WEBHOOK_URL:
        robots.append((Channel.WECOM, settings.WECOM_WEBHOOK_URL, "office group"))
    if settings.DINGTALK_WEBHOOK_URL:
        robots.append((Channel.DINGTALK, settings.DINGTALK_WEBHOOK_URL, "office group"))
    return robots


def _consenting_mobiles(unit_ids, office):
    """Mobile numbers of active accounts that consented, by unit id (None: the office's accounts)."""
    found = defaultdict(list)
    rows = AccountMobile.objects.filter(user__is_active=True).select_related("user")
    rows = rows.filter(user__unit_id__in=unit_ids, user__role__in=UNIT_ROLES) if not office else rows.filter(
        user__role=Role.OFFICE)
    for row in rows:
        found[None if office else row.user.unit_id].append((row.mobile, str(row.user)))
    return found


def queue(outgoing: list[Outgoing]) -> list[Message]:
    """Write a message and its deliveries (e-mail, robots, SMS) per item; nothing leaves before the commit."""
    outgoing = [item for item in outgoing if item]
    if not outgoing:
        return []
    unit_ids = {item.unit_id for item in outgoing if item.unit_id and item.unit_channels}
    contacts = {c.unit_id: c for c in UnitContacts.objects.filter(unit_id__in=unit_ids)} if unit_ids else {}
    sms = bool(settings.SMS_GATEWAY_URL)
    mobiles = _consenting_mobiles(unit_ids, office=False) if sms and unit_ids else {}
    if sms and any(item.unit_id is None and item.unit_channels for item in outgoing):
        mobiles = {**mobiles, **_consenting_mobiles((), office=True)}
    messages = Message.objects.bulk_create([
        Message(kind=item.kind, unit_id=item.unit_id, task_id=item.task_id, reminder_id=item.reminder_id,
                subject=item.subject[:200], text=item.text, path=item.path[:200])
        for item in outgoing
    ], batch_size=1000)
    office_robots = _office_robots()
    rows = []
    for message, item in zip(messages, outgoing, strict=True):
        targets = [(Channel.EMAIL, address, label) for address, label in item.emails]
        targets += [(Channel.SMS, mobile, label) for mobile, label in item.mobiles if sms and mobile]
        if item.unit_channels:
            unit = contacts.get(item.unit_id)
            if unit and unit.robot_kind and unit.robot_url:
                targets.append((unit.robot_kind, unit.robot_url, "unit group"))
            if sms and unit and unit.sms_mobile:
                targets.append((Channel.SMS, unit.sms_mobile, "liaison"))
            if sms:
                targets += [(Channel.SMS, mobile, label) for mobile, label in mobiles.get(item.unit_id, ())]
        targets += office_robots
        seen = set()
        for channel, address, label in targets:
            if (channel, address) not in seen:
                seen.add((channel, address))
                rows.append(Delivery(message=message, channel=channel, address=address, label=label[:100]))
    Delivery.objects.bulk_create(rows, batch_size=1000)
    if rows:
        wake_worker_after_commit()
    return messages


def wake_worker_after_commit():
    """Enqueue a delivery run for when this transaction commits (a rollback enqueues nothing)."""
    from .tasks import wake_worker

    transaction.on_commit(wake_worker)
