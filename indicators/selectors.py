"""Indicator figures for what a user may see, in a fixed number of queries whatever the data size: the indicators
over the same rows (cases, hearings, suggestions) share one aggregate for their trends and one for their units.

Every figure carries the URL of the list of exactly the rows it counted.
"""

import dataclasses
import datetime
import functools
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import F
from django.urls import reverse

from fuyuan.lib.sql import compiled_counts_together, compiled_objects, compiled_rows

from . import measures
from .models import Indicator, PopulationFigure

LIST_URL = {"cases": "cases:list", "hearings": "cases:hearings", "suggestions": "suggestions:list"}
DATE_PARAM = {"filed_on": "filed", "closed_on": "closed", "held_on": "held", "reply_due_on": "due"}
UNIT_PARAM = {"cases": "defendant", "hearings": "defendant", "suggestions": "addressee"}
UNIT_FIELD = {"cases": "defendant", "hearings": "case__defendant", "suggestions": "addressee"}


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


def list_url(m, span, params, unit_id=None, base=None) -> str:
    """The list page (cases, hearings, suggestions) filtered to the rows counted in `span` with `params`.

    `base`: the list page's path, when the caller builds many links (reverse() per link added up).
    """
    prefix = DATE_PARAM[m.date_field]
    query = dict(m.base_params)
    query.update(params)
    query[f"{prefix}_after"] = span.start.isoformat()
    query[f"{prefix}_before"] = span.end.isoformat()
    if unit_id is not None:
        query[UNIT_PARAM[m.rows]] = unit_id
    return (base or reverse(LIST_URL[m.rows])) + "?" + urlencode(query)


def populations() -> dict[int, int]:
    return dict(compiled_rows(("indicators.populations",), lambda: PopulationFigure.objects.values_list(
        "year", "population")))


def _figure(indicator, m, period, today, numerator, denominator, population, unit_id=None, base=None):
    num_span = measures.numerator_span(m, period, today)
    den_span = measures.denominator_span(m, period, today)
    if m.value == measures.PER_10K:
        denominator, den_url = population, ""
    else:
        den_url = list_url(m, den_span, dict(m.denominator_params), unit_id, base)
    value = measures.value(m, numerator, denominator, population)
    return Figure(period, numerator, denominator, value, list_url(m, num_span, dict(m.numerator_params), unit_id, base),
                  den_url, indicator.on_target(value))


def _spans(m, periods, today):
    return [(measures.numerator_span(m, p, today), measures.denominator_span(m, p, today)) for p in periods]


def trends(entries, user, today: datetime.date, population: dict) -> dict:
    """{indicator pk: [Figure per period]} for [(indicator, periods)]: one aggregate per kind of rows, all in one
    statement for a user who sees every row."""
    groups = {}
    for indicator, periods in entries:
        m = measures.measure(indicator.measure, today)
        groups.setdefault(m.rows, []).append((indicator, m, periods))

    def query(rows, members):
        expressions = {}
        for indicator, m, periods in members:
            expressions.update(measures.counts(m, _spans(m, periods, today), prefix=f"i{indicator.pk}_"))
        return measures.rows_for(rows, user), expressions

    counted = {}
    shared = [rows for rows in groups if measures.sees_every_row(rows, user)]
    if shared:
        # The statements then depend only on the day and the indicators: compiled once for them and run as one
        # (compiling their dozen COUNT … FILTER on every request was a third of the dashboard).
        key = ("indicators.trends", user is None, today, tuple(
            (rows, indicator.pk, indicator.measure, tuple(periods))
            for rows in shared for indicator, _m, periods in groups[rows]))
        found = compiled_counts_together(key, [functools.partial(query, rows, groups[rows]) for rows in shared])
        counted.update(zip(shared, found, strict=True))
    for rows, members in groups.items():
        if rows not in counted:
            queryset, expressions = query(rows, members)
            counted[rows] = queryset.aggregate(**expressions)
    out = {}
    for rows, members in groups.items():
        row = counted[rows]
        base = reverse(LIST_URL[rows])
        for indicator, m, periods in members:
            key = f"i{indicator.pk}_"
            out[indicator.pk] = [_figure(indicator, m, p, today, row[f"{key}n{i}"], row[f"{key}d{i}"],
                                         population.get(p.start.year), base=base) for i, p in enumerate(periods)]
    return out


def trend(indicator, user, today: datetime.date, periods: list, population: dict) -> list[Figure]:
    """One indicator over `periods` for everything `user` may see."""
    return trends([(indicator, periods)], user, today, population)[indicator.pk]


def units_ranked(entries, user, today: datetime.date) -> dict:
    """{indicator pk: [{unit_id, unit_name, figure}] best first} for [(indicator, period)]: one query per kind of
    rows; units with nothing counted are left out, and per-10,000 figures have no units (the population is the
    area's)."""
    groups = {}
    for indicator, period in entries:
        m = measures.measure(indicator.measure, today)
        if m.value != measures.PER_10K:
            groups.setdefault(m.rows, []).append((indicator, m, period))
    out = {indicator.pk: [] for indicator, _period in entries}
    for rows, members in groups.items():
        field = UNIT_FIELD[rows]
        expressions = {}
        for indicator, m, period in members:
            expressions.update(measures.counts(m, _spans(m, [period], today), prefix=f"i{indicator.pk}_"))
        values = (measures.rows_for(rows, user).exclude(**{f"{field}__isnull": True}).order_by()
                  .values(unit_id=F(field), unit_name=F(f"{field}__name")).annotate(**expressions))
        base = reverse(LIST_URL[rows])
        for row in values:
            for indicator, m, period in members:
                n, d = row[f"i{indicator.pk}_n0"], row[f"i{indicator.pk}_d0"]
                if n or d:
                    out[indicator.pk].append({"unit_id": row["unit_id"], "unit_name": row["unit_name"], "figure":
                                              _figure(indicator, m, period, today, n, d, None, row["unit_id"], base)})
    for indicator, _period in entries:
        higher = indicator.direction == "higher"
        out[indicator.pk].sort(key=lambda r: (r["figure"].value is None,
                                              -(r["figure"].value or 0) if higher else (r["figure"].value or 0),
                                              r["unit_name"]))
    return out


def by_unit(indicator, user, today: datetime.date, period) -> list[dict]:
    """One indicator per defendant (or addressed) unit in one period, best first."""
    return units_ranked([(indicator, period)], user, today)[indicator.pk]


def overview(user, today: datetime.date) -> list[dict]:
    """Each active indicator: the current period's figure, its trend, and the units ranked (about 8 queries)."""
    population = populations()
    indicators = list(Indicator.objects.filter(active=True))
    periods = {i.pk: measures.periods_back(i.period, today, measures.TREND_LENGTH[i.period]) for i in indicators}
    figures = trends([(i, periods[i.pk]) for i in indicators], user, today, population)
    units = units_ranked([(i, periods[i.pk][-1]) for i in indicators], user, today)
    return [{"indicator": i, "current": figures[i.pk][-1], "previous": figures[i.pk][-2], "trend": figures[i.pk],
             "units": units[i.pk]} for i in indicators]


def active_indicators() -> list[Indicator]:
    return compiled_objects(("indicators.active",), Indicator, lambda: Indicator.objects.filter(active=True))


def current(user, today: datetime.date) -> list[dict]:
    """Each active indicator's figure for the period containing today (the dashboard's red list)."""
    population = populations()
    indicators = active_indicators()
    figures = trends([(i, measures.periods_back(i.period, today, 1)) for i in indicators], user, today, population)
    return [{"indicator": i, "current": figures[i.pk][0]} for i in indicators]


def off_target(user, today: datetime.date) -> list[dict]:
    return [row for row in current(user, today) if row["current"].on_target is False]
