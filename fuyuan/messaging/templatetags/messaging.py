"""Pieces other apps' pages show: an item's deliveries and read receipts, the escalation queue, masked addresses."""

from django import template
from django.utils.translation import gettext

from fuyuan.lib.display import choice_label, minute

from .. import selectors
from ..masking import mask_address, mask_mobile
from ..models import Channel, DeliveryStatus, MessageKind

register = template.Library()
QUEUE_ROWS = 50  # the oldest first; the rest wait their turn
ITEM_ROWS = 20  # an item's latest messages on its page; the messages page lists them all
_BADGES = {"sent": "text-bg-success", "failed": "text-bg-danger"}  # a delivery's badge by status, else grey


@register.inclusion_tag("messaging/_item_deliveries.html")
def item_deliveries(task):
    """One item's latest messages: where each went, when a channel accepted it, when it was read.

    A long-running item collects a message per unit per reminder (80 in the demo's first year, hundreds later);
    its page shows the latest ITEM_ROWS, oldest first, and links to all of them on the messages page.
    """
    messages, total = selectors.latest_item_messages(task.pk, ITEM_ROWS)
    # The cells as _deliveries_cell.html and _read_cell.html print them, made once here (tested to match).
    office = gettext("Office")
    for message in messages:
        message["created"] = minute(message["created_at"])
        message["unit_name"] = message.pop("unit__name") or office
        message["kind_label"] = choice_label(MessageKind, message["kind"])
        message["delivered"] = minute(message["delivered_at"]) or "—"
        message["read"] = minute(message["read_at"])
        for delivery in message["deliveries"]:
            delivery["badge"] = _BADGES.get(delivery["status"], "text-bg-secondary")
            delivery["masked"] = mask_address(delivery["channel"], delivery["address"])
            delivery["status_label"] = choice_label(DeliveryStatus, delivery["status"])
            delivery["channel_label"] = choice_label(Channel, delivery["channel"])
            delivery["sent"] = minute(delivery["sent_at"])
    return {"messages": messages, "total": total, "task": task}


@register.inclusion_tag("messaging/_escalations.html", takes_context=True)
def escalation_queue(context):
    """The office's open escalations (on the pending-approvals queue and the messages page)."""
    escalations = selectors.open_escalations()
    return {"escalations": escalations[:QUEUE_ROWS], "total": escalations.count(), "request": context.get("request"),
            "csrf_token": context.get("csrf_token")}


@register.filter
def masked(delivery):
    return mask_address(delivery.channel, delivery.address)


@register.filter
def masked_mobile(value):
    return mask_mobile(value)
