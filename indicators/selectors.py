"""Indicator figures for what a user may see: per period (one aggregate query per indicator), per unit (one more).

Every figure carries the URL of the list of exactly the rows it counted.
"""

import dataclasses
import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import F
from django.urls import reverse

from . import measures
from .models import Indicator, PopulationFigure

LIST_URL = {"cases": "cases:list", "hearings": "cases:hearings", "suggestions": "suggestions:list"}
DATE_PARAM = {"filed_on": "filed", "closed_on": "closed", "held_on": "held", "reply_due_on": "due"}
UNIT_PARAM = {"cases": "defendant", "hearings": "defendant", "suggestions": "addressee"}


@dataclasses.dataclass
class Figure:
    period: object
    numerator: int
    denominator: int | None
    value: Decimal | None
    numerator_url: str
    denominator_url: str  # blank when the denominator is not a count of rows (population)
    on_target: bool | None

    @property
    def display(self):
        return "—" if self.value is None else f"{self.value}"


def list_url(m, span, params, unit_id=None) -> str:
    """The list page (cases, hearings, suggestions) filtered to the rows counted in `span` with `params`."""
    prefix = DATE_PARAM[m.date_field]
    query = dict(m.base_params)
    query.update(params)
    query[f"{prefix}_after"] = span.start.isoformat()
    query[f"{prefix}_before"] = span.end.isoformat()
    if unit_id is not None:
        query[UNIT_PARAM[m.rows]] = unit_id
    return reverse(LIST_URL[m.rows]) + "?" + urlencode(query)


def populations() -> dict[int, int]:
    return dict(PopulationFigure.objects.values_list("year", "population"))


def _figure(indicator, m, period, today, numerator, denominator, population, unit_id=None):
    num_span = measures.numerator_span(m, period, today)
    den_span = measures.denominator_span(m, period, today)
    if m.value == measures.PER_10K:
        denominator, den_url = population, ""
    else:
        den_url = list_url(m, den_span, dict(m.denominator_params), unit_id)
    value = measures.value(m, numerator, denominator, population)
    return Figure(period, numerator, denominator, value, list_url(m, num_span, dict(m.numerator_params), unit_id),
                  den_url, indicator.on_target(value))


def trend(indicator, user, today: datetime.date, periods: list, population: dict) -> list[Figure]:
    """The indicator over `periods` for everything `user` may see: one aggregate query."""
    m = measures.measure(indicator.measure, today)
    spans = [(measures.numerator_span(m, p, today), measures.denominator_span(m, p, today)) for p in periods]
    row = m.queryset(user).aggregate(**measures.counts(m, spans))
    return [_figure(indicator, m, p, today, row[f"n{i}"], row[f"d{i}"], population.get(p.start.year))
            for i, p in enumerate(periods)]


def by_unit(indicator, user, today: datetime.date, period) -> list[dict]:
    """The indicator per defendant (or addressed) unit in one period, best first, units with no rows left out."""
    m = measures.measure(indicator.measure, today)
    if m.value == measures.PER_10K:
        return []  # the population is the area's, not a unit's
    spans = [(measures.numerator_span(m, period, today), measures.denominator_span(m, period, today))]
    rows = (m.queryset(user).exclude(**{f"{m.unit_field}__isnull": True}).order_by()
            .values(unit_id=F(m.unit_field), unit_name=F(f"{m.unit_field}__name"))
            .annotate(**measures.counts(m, spans)))
    out = []
    for row in rows:
        if not (row["n0"] or row["d0"]):
            continue
        out.append({"unit_id": row["unit_id"], "unit_name": row["unit_name"],
                    "figure": _figure(indicator, m, period, today, row["n0"], row["d0"], None, row["unit_id"])})
    higher = indicator.direction == "higher"
    out.sort(key=lambda r: (r["figure"].value is None,
                            -(r["figure"].value or 0) if higher else (r["figure"].value or 0), r["unit_name"]))
    return out


def overview(user, today: datetime.date) -> list[dict]:
    """Each active indicator: the current period's figure, its trend, and the units ranked."""
    population = populations()
    out = []
    for indicator in Indicator.objects.filter(active=True):
        periods = measures.periods_back(indicator.period, today, measures.TREND_LENGTH[indicator.period])
        figures = trend(indicator, user, today, periods, population)
        out.append({"indicator": indicator, "current": figures[-1], "previous": figures[-2], "trend": figures,
                    "units": by_unit(indicator, user, today, periods[-1])})
    return out


def current(user, today: datetime.date) -> list[dict]:
    """Each active indicator's figure for the period containing today (the dashboard's red list)."""
    population = populations()
    out = []
    for indicator in Indicator.objects.filter(active=True):
        period = measures.periods_back(indicator.period, today, 1)[0]
        out.append({"indicator": indicator, "current": trend(indicator, user, today, [period], population)[0]})
    return out


def off_target(user, today: datetime.date) -> list[dict]:
    return [row for row in current(user, today) if row["current"].on_target is False]
