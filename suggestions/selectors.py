"""Reads of suggestions shared by the ledger filter, the statistics page and the export: one definition each."""

import datetime

from django.db.models import Count, Q

from .models import Adoption, Status, Suggestion


def overdue_q(today: datetime.date) -> Q:
    """Waiting for a reply (the first one, or more after 跟踪问效) past its deadline: the reply task's red light."""
    return Q(status__in=[Status.AWAITING_REPLY, Status.RETURNED], reply_due_on__lt=today)


def evaluated_q() -> Q:
    """Judged by its issuer: the evaluation is what closes a suggestion (services.evaluate)."""
    return Q(status=Status.CLOSED)


def adopted_q() -> Q:
    """采纳 or 部分采纳 in the issuer's evaluation of a closed suggestion: the 采纳率's numerator, a part of the
    evaluated (its denominator), wherever adoption is counted or listed."""
    return evaluated_q() & Q(adoption__in=[Adoption.ADOPTED, Adoption.PARTLY])


def reply_measures(today: datetime.date) -> dict:
    """The aggregates the statistics report: issued, replied on time or late, overdue, evaluated, adopted, rectified."""
    return {
        "issued": Count("pk"),
        "on_time": Count("pk", filter=Q(replied_on_time=True)),
        "late": Count("pk", filter=Q(replied_on_time=False)),
        "overdue": Count("pk", filter=overdue_q(today)),
        "evaluated": Count("pk", filter=evaluated_q()),
        "adopted": Count("pk", filter=adopted_q()),
        "fixed": Count("pk", filter=evaluated_q() & Q(rectified=True)),
    }


def _with_rate(row):
    row["adoption_rate"] = row["adopted"] / row["evaluated"] if row["evaluated"] else None
    return row


def statistics(user, today: datetime.date, year: int | None = None) -> dict:
    """Per issuer and per addressee, and in total, over what `user` may see (three aggregate queries)."""
    base = Suggestion.objects.visible_to(user)
    if year:
        base = base.filter(issued_on__year=year)
    measures = reply_measures(today)
    by_issuer = [_with_rate(row) for row in
                 base.values("issuer__name").annotate(**measures).order_by("issuer__name")]
    by_addressee = [_with_rate(row) for row in
                    base.values("addressee__name").annotate(**measures).order_by("-issued", "addressee__name")]
    return {"by_issuer": by_issuer, "by_addressee": by_addressee, "totals": _with_rate(base.aggregate(**measures))}


def reply_attachments(suggestion):
    """The files of the suggestion's replies (its item's closure requests), the latest reply's first."""
    from tasks.models import Attachment

    return (Attachment.objects.filter(closure__task_id=suggestion.task_id).select_related("closure")
            .order_by("-closure__requested_at", "-closure_id", "order", "pk"))
