"""Pieces other apps' pages show: an item's deliveries and read receipts, the escalation queue, masked addresses."""

from django import template

from .. import selectors
from ..masking import mask_address, mask_mobile

register = template.Library()
QUEUE_ROWS = 50  # the oldest first; the rest wait their turn
ITEM_ROWS = 20  # an item's latest messages on its page; the messages page lists them all


@register.inclusion_tag("messaging/_item_deliveries.html")
def item_deliveries(task):
    """One item's latest messages: where each went, when a channel accepted it, when it was read.

    A long-running item collects a message per unit per reminder (80 in the demo's first year, hundreds later);
    its page shows the latest ITEM_ROWS, oldest first, and links to all of them on the messages page.
    """
    messages, total = selectors.latest_item_messages(task.pk, ITEM_ROWS)
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
