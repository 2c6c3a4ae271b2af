"""The 考核 rule on indicators: a unit whose year's value misses an assessed indicator's target loses the rule's
points once per full 10 points (percentage points) it falls short, each shortfall one explained line."""

import dataclasses
import datetime
from decimal import Decimal

from tasks import deadlines

from .models import Direction, Indicator
from .selectors import by_unit

STEP = Decimal(10)


@dataclasses.dataclass
class Shortfall:
    unit_id: int
    name: str
    explanation: str
    day: datetime.date
    steps: int


def steps_short(indicator, value: Decimal | None) -> tuple[Decimal, int]:
    """(points short of the target, full steps of 10) — (0, 0) on target or without a value."""
    if value is None or indicator.on_target(value):
        return Decimal(0), 0
    short = indicator.target - value if indicator.direction == Direction.HIGHER else value - indicator.target
    return short, int(short // STEP)


def shortfalls(year: int, today: datetime.date) -> list[Shortfall]:
    """Every unit's shortfall on every assessed indicator over the year (two queries per assessed indicator)."""
    period = deadlines.period_containing(datetime.date(year, 1, 1), deadlines.YEARLY)
    as_of = min(today, period.end)
    out = []
    for indicator in Indicator.objects.filter(active=True, assessed=True):
        for row in by_unit(indicator, None, as_of, period):
            figure = row["figure"]
            short, steps = steps_short(indicator, figure.value)
            if steps:
                explanation = (f"{figure.value}{indicator.unit_text}（{figure.numerator}/{figure.denominator}），"
                               f"目标{indicator.target_text}，差{short.quantize(Decimal('0.1'))}个百分点")
                out.append(Shortfall(row["unit_id"], indicator.name, explanation, as_of, steps))
    return out
