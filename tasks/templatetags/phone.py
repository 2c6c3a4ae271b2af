"""Template helpers for the phone layout: what a unit must act on first."""

from django import template

register = template.Library()


@register.filter
def sent_back_reason(events):
    """The reason of the latest 退回 when nothing was asked for since, else ""; events come in timeline order."""
    reason = ""
    for event in events:
        if event.kind == "returned":
            reason = event.text or "—"
        elif event.kind in ("closure_requested", "closed", "cancelled"):
            reason = ""
    return reason
