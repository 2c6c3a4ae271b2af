"""Reply deadlines (回复期限): calendar arithmetic, and choosing the rule that applies."""

import datetime

from fuyuan.workdays.calendar import add_working_days
from tasks.deadlines import add_days, add_months


def reply_due_date(served_on: datetime.date, months: int = 0, days: int = 0,
                   working_days: bool = False) -> datetime.date:
    """Served 2024-01-31 + 2 months → 2024-03-31; 2023-12-31 + 2 months → 2024-02-29; 2024-02-20 + 15 days → 03-06.

    With `working_days` the days are 工作日 on the office's calendar (holidays skipped, 调休 Saturdays counted).
    """
    if working_days:
        return add_working_days(add_months(served_on, months), days)
    return add_days(add_months(served_on, months), days)


def applicable_rule(kind: str, type: str, urgent: bool):
    """The first rule (by precedence) matching the kind, the type (or any) and the urgency (or either)."""
    from .models import ReplyRule

    for rule in ReplyRule.objects.filter(kind=kind).order_by("order", "pk"):
        if rule.type and rule.type != type:
            continue
        if rule.urgent is not None and rule.urgent != urgent:
            continue
        return rule
    return None
