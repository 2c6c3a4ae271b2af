"""Delivering the outbox: claim a due row, send it, record the channel's answer; retry with backoff.

Idempotence: a row is claimed by one conditional UPDATE (pending and due → sending, with a lease), so two
workers never send the same row; a row the channel accepted is `sent` and never due again. A worker that
dies holding a row leaves it `sending` until the lease runs out, then the row is due again — so only a
crash between the channel's acceptance and the recording of it (a few milliseconds) could repeat a send.
"""

import datetime
import logging
from collections import Counter

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from . import channels
from .models import Channel, Delivery, DeliveryStatus
from .receipts import token_for

logger = logging.getLogger(__name__)
LEASE = datetime.timedelta(minutes=5)


def _due(now):
    return Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=DeliveryStatus.SENDING, claimed_until__lt=now)


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before the next try: base, 2×base, 4×base … after the 1st, 2nd, 3rd failure."""
    return datetime.timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def message_link(message) -> str:
    """The signed read-receipt link the message carries."""
    return settings.SITE_URL.rstrip("/") + reverse("messaging:open", args=[token_for(message.pk)])


def render(delivery) -> tuple[str, str]:
    """Subject and text as the recipient reads them: the office's group sees which unit it concerns."""
    message = delivery.message
    text = f"{message.text.rstrip()}\n{message_link(message)}"
    if delivery.label == "office group" and message.unit_id:
        text = f"【{message.unit.name}】{text}"
    return message.subject, text


def _secret(delivery):
    if delivery.channel != Channel.DINGTALK:
        return ""
    if delivery.address == settings.DINGTALK_WEBHOOK_URL:
        return settings.DINGTALK_SECRET
    contacts = getattr(delivery.message.unit, "contacts", None) if delivery.message.unit_id else None
    return contacts.robot_secret if contacts and contacts.robot_url == delivery.address else ""


def deliver_one(pk, now=None) -> str | None:
    """Send one due row if this worker wins its claim; returns its new status, or None if not claimed."""
    now = now or timezone.now()
    claimed = Delivery.objects.filter(_due(now), pk=pk).update(
        status=DeliveryStatus.SENDING, claimed_until=now + LEASE, attempts=F("attempts") + 1)
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("message__unit__contacts").get(pk=pk)
    subject, text = render(delivery)
    answer = channels.SENDERS[delivery.channel](delivery.address, subject, text, _secret(delivery))
    log = f"{delivery.answer}\n#{delivery.attempts} {timezone.now():%Y-%m-%d %H:%M:%S} {answer.text}".strip()[-2000:]
    if answer.accepted:
        update = {"status": DeliveryStatus.SENT, "sent_at": timezone.now()}
    elif delivery.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        update = {"status": DeliveryStatus.FAILED}
        logger.warning("delivery %s failed for good: %s", pk, answer.text)
    else:
        update = {"status": DeliveryStatus.PENDING, "next_attempt_at": now + backoff(delivery.attempts)}
    Delivery.objects.filter(pk=pk, status=DeliveryStatus.SENDING).update(claimed_until=None, answer=log, **update)
    return update["status"]


def deliver_due(now=None, batch=200) -> Counter:
    """Deliver every row due at `now` (one pass); returns counts by resulting status."""
    now = now or timezone.now()
    counts = Counter()
    due = Delivery.objects.filter(_due(now)).order_by("next_attempt_at", "pk")
    ids = list(due.values_list("pk", flat=True)[:batch])
    for pk in ids:
        status = deliver_one(pk, now)
        if status:
            counts[status] += 1
    return counts


def next_retry_at():
    """When the earliest waiting row becomes due (None if nothing waits)."""
    row = Delivery.objects.filter(status=DeliveryStatus.PENDING).order_by("next_attempt_at").first()
    return row.next_attempt_at if row else None
