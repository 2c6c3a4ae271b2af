"""Escalation: a 催办 still unread N working days later, or an item still overdue M days after it, goes to the
unit's leaders (分管领导, 主要负责人) by SMS and to the office's queue — once per reminder and reason.

What "still open" and "still overdue" mean belongs to the supervision engine, which sits above this app:
it passes them in as functions of a set of item ids.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.workdays.calendar import count_working_days, overrides_between

from .models import Escalation, EscalationReason, Message, MessageKind
from .outbox import Outgoing, queue

# Reminders older than this are not looked at again (their escalations, if any, were written long ago).
_LOOKBACK_DAYS = 120


def _leaders(unit):
    contacts = getattr(unit, "contacts", None)
    if contacts is None:
        return []
    return [(mobile, name or label) for mobile, name, label in (
        (contacts.leader_in_charge_mobile, contacts.leader_in_charge_name, "分管领导"),
        (contacts.head_mobile, contacts.head_name, "主要负责人")) if mobile]


def escalate(today: datetime.date, *, open_items: Callable[[set], set],
             overdue_items: Callable[[set, datetime.date], set]) -> list[Escalation]:
    """Escalate the reminders whose unit stayed silent or late; safe to run again the same day."""
    unread_after = settings.ESCALATE_UNREAD_WORKING_DAYS
    overdue_after = settings.ESCALATE_OVERDUE_DAYS
    since = today - datetime.timedelta(days=_LOOKBACK_DAYS)
    reminders = list(
        Message.objects.filter(kind=MessageKind.REMINDER, unit__isnull=False, task_id__isnull=False,
                               created_at__date__gte=since, created_at__date__lt=today)
        .select_related("unit__contacts").prefetch_related("escalations").order_by("created_at", "pk"))
    if not reminders:
        return []
    task_ids = {m.task_id for m in reminders}
    still_open, still_overdue = open_items(task_ids), overdue_items(task_ids, today)
    overrides = overrides_between(since, today)
    due = []
    for message in reminders:
        done = {e.reason for e in message.escalations.all()}
        sent_on = timezone.localdate(message.created_at)
        if (EscalationReason.UNREAD not in done and message.read_at is None and message.task_id in still_open
                and count_working_days(sent_on, today, overrides) >= unread_after):
            due.append((message, EscalationReason.UNREAD))
        if (EscalationReason.OVERDUE not in done and message.task_id in still_overdue
                and (today - sent_on).days >= overdue_after):
            due.append((message, EscalationReason.OVERDUE))
    return _write(due, unread_after, overdue_after)


@transaction.atomic
def _write(due, unread_after, overdue_after):
    outgoing = []
    for reminder, reason in due:
        if reason == EscalationReason.UNREAD:
            text = _("Escalation: %(unit)s has not read the reminder of %(date)s for %(days)s working days: "
                     "%(subject)s")
        else:
            text = _("Escalation: the item is still overdue %(days)s days after the reminder of %(date)s to "
                     "%(unit)s: %(subject)s")
        text = text % {"unit": reminder.unit.name, "subject": reminder.subject,
                       "date": f"{timezone.localdate(reminder.created_at):%Y-%m-%d}",
                       "days": unread_after if reason == EscalationReason.UNREAD else overdue_after}
        outgoing.append(Outgoing(subject=text[:200], text=f"{text}\n\n{reminder.text}", unit_id=reminder.unit_id,
                                 kind=MessageKind.ESCALATION, task_id=reminder.task_id, path=reminder.path,
                                 mobiles=_leaders(reminder.unit), unit_channels=False))
    messages = queue(outgoing)
    return Escalation.objects.bulk_create(
        Escalation(reminder_message=reminder, reason=reason, message=message)
        for (reminder, reason), message in zip(due, messages, strict=True))
