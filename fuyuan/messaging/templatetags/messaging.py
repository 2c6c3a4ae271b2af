"""Pieces other apps' pages show: an item's deliveries and read receipts, the escalation queue, masked addresses."""

import html

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

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
    return {"messages": messages, "total": total, "task": task, "rows_html": item_rows_html(messages)}


def _text(value) -> str:
    # What {{ value }} prints for a string (django.utils.html.escape, without its lazy wrappers).
    return html.escape(str(value))


def item_rows_html(messages) -> str:
    """The table's rows as _item_deliveries.html's loop wrote them: one string a message rather than a template
    loop with a badge per delivery (20 messages of up to three channels were a fifth of the office's item page)."""
    in_app_only = f'<span class="text-muted small">{_text(gettext("in the app only"))}</span>'
    unread = f'<span class="text-danger" data-testid="unread">{_text(gettext("unread"))}</span>'
    via = {"link": _text(gettext("link in the message")), "app": _text(gettext("opened in the app"))}
    parts = []
    for message in messages:
        badges = "".join(
            f'<span class="badge {_text(d["badge"])} me-1" title="{_text(d["label"])} {_text(d["masked"])} · '
            f'{_text(d["status_label"])}{" " + _text(d["sent"]) if d["sent"] else ""} · '
            f'{ngettext("%(n)s attempt", "%(n)s attempts", d["attempts"]) % {"n": _text(d["attempts"])}}" '
            f'data-testid="delivery-{_text(d["channel"])}-{_text(d["status"])}">{_text(d["channel_label"])} '
            f'{_text(d["status_label"])}</span>' for d in message["deliveries"]) or in_app_only
        read = (f'<span class="text-success" data-testid="read">{_text(message["read"])}</span> '
                f'<span class="small text-muted">{_text(message["read_by"])} · '
                f'{via["link"] if message["read_via"] == "link" else via["app"]}</span>'
                if message["read"] else unread)
        parts.append(f'<tr>\n<td>{_text(message["created"])}</td><td>{_text(message["unit_name"])}</td>'
                     f'<td>{_text(message["kind_label"])}</td>\n<td>{badges}\n</td>\n'
                     f'<td>{_text(message["delivered"])}</td>\n<td>{read}\n</td></tr>')
    return mark_safe("".join(parts))


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
