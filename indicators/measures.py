"""The named measures an indicator can use: each a numerator and a denominator counted over the register in SQL.

A measure says which rows it counts (cases, hearings or suggestions), by which date it places them in a
period, the filter of its numerator and of its denominator, and the list-page parameters that select
exactly those rows — so every figure on the indicator page opens the list it counted.
"""

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from cases.models import HEAD_PRESENT, LOST, MEDIATED_OR_WITHDRAWN, Case, Hearing, Instance, Proceeding
from tasks import deadlines

from .models import MeasureKind

RATE, YOY, PER_10K = "rate", "yoy", "per_10k"


@dataclasses.dataclass(frozen=True)
class Measure:
    kind: str
    rows: str  # "cases", "hearings" or "suggestions": the list page the figures open
    date_field: str
    base: Q
    numerator: Q
    denominator: Q
    value: str = RATE
    base_params: tuple = ()
    numerator_params: tuple = ()
    denominator_params: tuple = ()
    unit_field: str = "defendant"
    # Only rows dated up to today count (hearings held, filings so far): a running period compares like with like.
    up_to_today: bool = False

    def queryset(self, user):
        """The rows `user` may see (all for None); the measure's own filter is in its counts, so measures over
        the same rows share one query."""
        return rows_for(self.rows, user)


def rows_for(rows: str, user):
    from suggestions.models import Suggestion

    model = {"cases": Case, "hearings": Hearing, "suggestions": Suggestion}[rows]
    return model.objects.all() if user is None else model.objects.visible_to(user)


def sees_every_row(rows: str, user) -> bool:
    """Whether `user` may see every row of the kind (the office, leaders): then the statements over them do not
    depend on who asks. A hearing is visible with its case."""
    from suggestions.models import Suggestion

    model = Suggestion if rows == "suggestions" else Case
    return user is None or not model.objects.visible_to(user).query.where


def _suggestion_judged(today):
    from suggestions.selectors import overdue_q

    return Q(replied_on_time__isnull=False) | overdue_q(today)


def measure(kind: str, today: datetime.date) -> Measure:
    """The definition of one named measure (the suggestion measure depends on today: overdue is as of today)."""
    litigation = Q(proceeding=Proceeding.LITIGATION)
    first = litigation & Q(instance=Instance.FIRST)
    concluded = ~Q(outcome="")
    lit_params = (("proceeding", Proceeding.LITIGATION),)
    first_params = (*lit_params, ("instance", Instance.FIRST))
    if kind == MeasureKind.ATTENDANCE_RATE:
        return Measure(kind, "hearings", "held_on", Q(), Q(attendance__in=HEAD_PRESENT), Q(),
                       numerator_params=(("attendance", "present"),), unit_field="case__defendant",
                       up_to_today=True)
    if kind == MeasureKind.LOSS_RATE:
        return Measure(kind, "cases", "closed_on", first & concluded, Q(outcome__in=LOST), Q(),
                       base_params=(*first_params, ("result", "concluded")), numerator_params=(("result", "lost"),))
    if kind == MeasureKind.MEDIATION_RATE:
        return Measure(kind, "cases", "closed_on", litigation & concluded, Q(outcome__in=MEDIATED_OR_WITHDRAWN), Q(),
                       base_params=(*lit_params, ("result", "concluded")),
                       numerator_params=(("result", "mediated_withdrawn"),))
    if kind == MeasureKind.FILINGS_YOY:
        return Measure(kind, "cases", "filed_on", first, Q(), Q(), value=YOY, base_params=first_params,
                       up_to_today=True)
    if kind == MeasureKind.FILINGS_PER_10K:
        return Measure(kind, "cases", "filed_on", first, Q(), Q(), value=PER_10K, base_params=first_params)
    if kind == MeasureKind.REVIEW_CORRECTION_RATE:
        return Measure(kind, "cases", "closed_on", Q(proceeding=Proceeding.REVIEW) & concluded, Q(outcome__in=LOST),
                       Q(), base_params=(("proceeding", Proceeding.REVIEW), ("result", "concluded")),
                       numerator_params=(("result", "lost"),))
    if kind == MeasureKind.SUGGESTION_REPLY_RATE:
        return Measure(kind, "suggestions", "reply_due_on", Q(kind="judicial"), Q(replied_on_time=True),
                       _suggestion_judged(today), base_params=(("kind", "judicial"),),
                       numerator_params=(("on_time", "yes"),), denominator_params=(("on_time", "judged"),),
                       unit_field="addressee")
    raise ValueError(kind)


@dataclasses.dataclass(frozen=True)
class Span:
    """The dates a figure counts: a period, cut at today when the measure says so; empty when start > end."""

    start: datetime.date
    end: datetime.date

    @property
    def empty(self):
        return self.start > self.end


def numerator_span(m: Measure, period, today) -> Span:
    end = min(period.end, today) if m.up_to_today else period.end
    return Span(period.start, end)


def denominator_span(m: Measure, period, today) -> Span:
    span = numerator_span(m, period, today)
    if m.value == YOY:  # the same days a year earlier
        return Span(_year_before(span.start), _year_before(span.end))
    return span


def _year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def counts(m: Measure, spans: list[tuple[Span, Span]], prefix="") -> dict:
    """The Count() expressions of numerator n<i> and denominator d<i> for each (numerator span, denominator span)."""
    out = {}
    for index, (num, den) in enumerate(spans):
        out[f"{prefix}n{index}"] = Count("pk", filter=m.base & _in(m, num) & m.numerator)
        out[f"{prefix}d{index}"] = Count("pk", filter=m.base & _in(m, den) & m.denominator)
    return out


def _in(m, span):
    if span.empty:
        return Q(pk__in=[])
    return Q(**{f"{m.date_field}__gte": span.start, f"{m.date_field}__lte": span.end})


def value(m: Measure, numerator: int, denominator: int | None, population: int | None = None) -> Decimal | None:
    """The figure: a percentage, a change in percent, or per 10,000 residents; None when it cannot be computed."""
    if m.value == PER_10K:
        if not population:
            return None
        return _round(Decimal(numerator) * 10000 / population, 2)
    if not denominator:
        return None
    if m.value == YOY:
        return _round(Decimal(numerator - denominator) * 100 / denominator)
    return _round(Decimal(numerator) * 100 / denominator)


def _round(number, places=1):
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def periods_back(period_kind: str, today: datetime.date, count: int) -> list:
    """The `count` periods ending with the one containing today, oldest first."""
    period = deadlines.period_containing(today, period_kind)
    out = [period]
    for _step in range(count - 1):
        period = deadlines.previous_period(period)
        out.append(period)
    return out[::-1]


TREND_LENGTH = {"monthly": 12, "quarterly": 8, "yearly": 4}
