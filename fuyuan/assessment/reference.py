"""The default scoring rules (lead units weigh about twice the co-handlers, as 考核 practice does)."""

from decimal import Decimal

RULES = [
    ("base", Decimal("100"), None),
    ("lead_overdue", Decimal("-2"), Decimal("20")),
    ("responsible_overdue", Decimal("-1"), Decimal("10")),
    ("missing_report", Decimal("-1"), Decimal("10")),
    ("sent_back", Decimal("-0.5"), Decimal("5")),
    ("late_suggestion_reply", Decimal("-2"), Decimal("10")),
    ("absent_without_reason", Decimal("-1"), Decimal("5")),
    ("closed_on_time", Decimal("0.5"), Decimal("5")),
    ("indicator_shortfall", Decimal("-1"), Decimal("10")),
]


def ensure_rules(model=None):
    if model is None:
        from .models import ScoringRule as model
    for measure, points, cap in RULES:
        model.objects.get_or_create(measure=measure, defaults={"points": points, "cap": cap})
