"""A year's result as plain data (what the page, the workbook and the notice show), live or as published.

Publishing freezes this data with the rule version: exporting a published year later gives the same
figures and lines whatever changed since (rules, items, units' names).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from .models import Measure, PublishedResult, RuleVersion, ScoringRule
from .scoring import ADJUSTMENT, measure_label, score


def rule_version(year: int) -> str:
    """The label of the year's rules as they stand: 2026年第1版."""
    version, _created = RuleVersion.objects.get_or_create(year=year)
    return str(version)


def live(year: int, today: datetime.date | None = None) -> dict:
    """The year's result computed now from the rules in force for the year."""
    today = today or timezone.localdate()
    scores = score(year, today)
    rules = [{"measure": rule.measure, "label": str(rule.get_measure_display()), "points": str(rule.points),
              "cap": "" if rule.cap is None else str(rule.cap), "active": rule.active}
             for rule in ScoringRule.objects.filter(year=year)]
    measures = [m.value for m in Measure if m != Measure.BASE]
    return {
        "year": year, "as_of": today.isoformat(), "rule_version": rule_version(year), "published": False,
        "rules": rules,
        "columns": [{"measure": m, "label": str(measure_label(m))} for m in measures],
        "units": [{
            "unit_id": s.unit.pk, "name": s.unit.name, "rank": s.rank, "assessable": s.assessable,
            "score": str(s.score), "counts": {m: s.counts.get(m, 0) for m in measures},
            "points": {m: str(s.points.get(m, Decimal(0))) for m in [*measures, ADJUSTMENT]},
            "lines": [{"measure": line.measure, "label": str(line.get_measure_label()), "number": line.number,
                       "title": line.title, "day": line.day.isoformat() if line.day else "",
                       "points": str(line.points), "capped": line.capped} for line in s.lines],
        } for s in scores],
    }


def result(year: int, today: datetime.date | None = None) -> dict:
    """The published result of the year if there is one, else the live one."""
    published = PublishedResult.objects.filter(year=year).first()
    if published:
        return {**published.data, "published": True, "published_at": published.published_at}
    return live(year, today)


def as_date(text):
    return datetime.date.fromisoformat(text) if text else None


def as_number(text):
    """Decimal text as a number for a cell: int when whole."""
    value = Decimal(text or "0")
    return int(value) if value == value.to_integral_value() else float(value)
