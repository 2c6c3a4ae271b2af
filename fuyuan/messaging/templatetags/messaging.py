"""Pieces other apps' pages show: an item's deliveries and read receipts, the escalation queue, masked addresses."""

from django import template

from .. import selectors
from ..masking import mask_address, mask_mobile

register = template.Library()
QUEUE_ROWS = 50  # the oldest first; the rest wait their turn


@register.inclusion_tag("messaging/_item_deliveries.html")
def item_deliveries(task):
    """Per unit of one item: each message, where it went, when a channel accepted it, when it was read."""
    return {"messages": selectors.item_messages(task.pk), "task": task}


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
