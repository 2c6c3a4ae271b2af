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


def ensure_rules(model=None, year=None):
    """A year's rules: those in force (copied from the latest earlier year), else the defaults."""
    if model is None:
        from .models import ScoringRule as model
    if year is None:  # the historical model of migration 0002 has no year
        for measure, points, cap in RULES:
            model.objects.get_or_create(measure=measure, defaults={"points": points, "cap": cap})
        return
    if model.objects.filter(year=year).exists():
        return
    earlier = model.objects.filter(year__lt=year).order_by("-year").values_list("year", flat=True).first()
    # get_or_create: two first requests for a new year may race; the unique (year, measure) settles it.
    if earlier is not None:
        for rule in model.objects.filter(year=earlier):
            model.objects.get_or_create(year=year, measure=rule.measure, defaults={
                "points": rule.points, "cap": rule.cap, "active": rule.active})
    else:
        for measure, points, cap in RULES:
            model.objects.get_or_create(year=year, measure=measure, defaults={"points": points, "cap": cap})
