"""The leaders' dashboard: every figure aggregated in SQL, each with the ledger filter that shows its items.

The query count is fixed whatever the data size: one aggregate per table, grouped by category or unit. For the
office and leaders (who see everything) each statement depends only on the year and the day, so it is built and
compiled through the ORM once for them and then only run (fuyuan.lib.sql.compiled_rows): compiling them had cost
ten times running them.
"""

import datetime
import functools
import re
from html import escape
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from fuyuan.lib.sql import compiled_counts, compiled_rows
from fuyuan.units.models import MemberUnit
from meetings import compliance
from suggestions.models import Suggestion
from suggestions.selectors import reply_measures
from tasks import deadlines, light_state
from tasks.models import TaskUnit, UnitRole
from tasks.queues import LIST_COLUMNS
from tasks.report_state import unit_missing_q
from tasks.selectors import in_year, light_counts_from_groups, light_expression

_PLAIN = re.compile(r"[A-Za-z0-9_.-]*")


def ledger_url(base=None, **params) -> str:
    """The ledger filtered to exactly some items (the same filters the dashboard counted with).

    `base`: the ledger's path when the caller builds many links (reverse() per link adds up per unit row).
    """
    parts = []
    for name, value in params.items():
        if value in (None, ""):
            continue
        value = str(value)
        # Ids, years and choice values need no quoting; urlencode() per link added up over the unit rows.
        parts.append(f"{name}={value}" if _PLAIN.fullmatch(value) else urlencode({name: value}))
    return (base or reverse("tasks:ledger")) + "?" + "&".join(parts)


def stored_lights(today: datetime.date):
    """"current" when the stored lights are today's (checked, and brought up to date, once for the page), else
    False: the dashboard's queries then group by stored columns rather than compile the light's rule."""
    return "current" if light_state.current(today) else False


def figures(user, year: int, today: datetime.date | None = None, lights=None) -> dict:
    today = today or timezone.localdate()
    lights = stored_lights(today) if lights is None else lights
    # Built only when a statement over them is compiled (see shared_key).
    tasks = functools.partial(year_tasks, user, year, today, lights)
    key = shared_key(user, year, today, lights)
    groups = category_light_groups(tasks, key)
    overdue, due_soon = overdue_and_due_soon(tasks, key)
    counts = light_counts_from_groups([(light, missing, n) for (_category, _origin, light, missing), (_title, n)
                                       in groups.items()])
    closed = counts[deadlines.CLOSED_ON_TIME] + counts[deadlines.CLOSED_LATE]
    live = counts["total"] - counts[deadlines.CANCELLED]
    base = reverse("tasks:ledger")  # once for the page's fifty-odd links, not once a link
    return {
        "year": year,
        "counts": counts,
        "lights": [(light, counts[light], ledger_url(base, year=year, light=light)) for light in deadlines.LIGHTS],
        "missing_url": ledger_url(base, year=year, missing="true"),
        "total_url": ledger_url(base, year=year),
        "completion_rate": closed / live if live else None,
        "on_time_rate": counts[deadlines.CLOSED_ON_TIME] / closed if closed else None,
        "categories": by_category(groups, year, base),
        "units": by_unit(year, today, lights=lights),
        "suggestions": suggestion_figures(user, year, today),
        "cadence": compliance.cadence(year, today),
        "indicators_off_target": _indicators_off_target(user, year, today),
        "overdue": overdue,
        "due_soon": due_soon,
    }


def _indicators_off_target(user, year, today):
    """Indicators whose current period misses the target (only when the year shown is this year)."""
    from indicators.selectors import off_target

    return off_target(user, today) if year == today.year else []


def shared_key(user, year, today, lights):
    """What the statements over year_tasks() depend on, when a user sees every item (the office, leaders): the
    year, the day and whether the stored lights are read. Their SQL is then compiled once for that key and shared
    by every such user (fuyuan.lib.sql.compiled_rows). None for a user whose items are a filter of their own."""
    from tasks.models import Task

    if lights not in ("current", False) or Task.objects.visible_to(user).query.where:
        return None  # lights=True asks a query while building the statement: its answer must not be kept
    return (year, today, lights)


def _built(tasks):
    return tasks() if callable(tasks) else tasks


def category_light_groups(tasks, key=None) -> dict:
    """{(category id, origin, light, 缺报): (category title, how many)} over these (ledger-annotated) tasks.

    One grouped query gives both the counts per light (summed over the categories) and each category's bar:
    grouped by the light's rank, the stored column, so no CASE is evaluated per row. `tasks`: year_tasks()' items
    or a function building them; with `key` (shared_key()) the statement is compiled once for the key.
    """
    def query():
        return (_built(tasks).order_by().values_list("category_id", "category__title", "origin", "light_order")
                .annotate(n=Count("*"), missing=Count("light_order", filter=Q(missing_report=True))))

    rows = compiled_rows(("dashboard.category_light_groups", *key), query) if key else query()
    groups = {}
    for category_id, title, origin, light_order, count, missing_count in rows:
        bar = (category_id, origin, deadlines.LIGHTS[light_order])
        for missing, n in ((True, missing_count), (False, count - missing_count)):
            if n:
                groups[(*bar, missing)] = (title, n)
    return groups


def by_category(groups, year, base=None):
    """Per category (or origin when there is none): counts per light, from category_light_groups()."""
    totals = {}
    for (category_id, origin, light, _missing), (title, n) in groups.items():
        entry = totals.setdefault((category_id, origin), {"category__title": title, "total": 0,
                                                          **dict.fromkeys(deadlines.LIGHTS, 0)})
        entry["total"] += n
        entry[light] += n
    out = []
    for (category_id, origin), row in sorted(totals.items(), key=lambda item: (item[0][0] is None, item[0])):
        params = {"year": year}
        if category_id:
            params["category"] = category_id
        else:
            params["origin"] = origin
        label = row["category__title"] or str(dict(_origins()).get(origin, origin))
        out.append({"label": label, "total": row["total"], "url": ledger_url(base, **params),
                    "segments": [(light, row[light], ledger_url(base, **params, light=light))
                                 for light in deadlines.LIGHTS if row[light]]})
    return out


def _origins():
    from tasks.models import Origin

    return Origin.choices


def by_unit(year, today, named_only=False, lights=False):
    """Per unit, as lead and as responsible unit: items, closed on time, overdue, 缺报; and reminders received.

    `named_only` leaves out the items a unit was given only through a printed collective and never signed
    (the 通报 does not name such a unit as lagging).
    """
    # One row per unit, each figure a COUNT … FILTER over the assignments of the year (50,000 rows at 10,000
    # items): with the stored light every filter compares columns, and grouping by the unit's id alone (its name
    # and order read after, from the 60-row table) hashes a number, not (unit, name, order, role, light, 缺报).
    # Both statements depend only on the year, the day and these options: compiled once for them.
    groups = compiled_rows(("dashboard.by_unit", year, today, named_only, lights),
                           functools.partial(_unit_counts, year, today, named_only, lights))
    # The units' names and order, and the reminders each received in the year, for the units counted.
    counted = tuple(sorted(group[0] for group in groups))
    units = {pk: (name, order, reminders) for pk, name, order, reminders in compiled_rows(
        ("dashboard.by_unit.units", year, counted), lambda: (
            MemberUnit.objects.filter(pk__in=counted).order_by()
            .annotate(received=Count("reminders", filter=Q(reminders__sent_at__year=year)))
            .values_list("pk", "name", "order", "received")))}
    names = ("unit_id", "lead", "responsible", "lead_on_time", "lead_overdue", "responsible_overdue", "missing_count")
    assignments = []
    for group in groups:
        name, order, _reminders = units[group[0]]
        assignments.append({"unit_id": group[0], "unit__name": name, "unit__order": order,
                            **dict(zip(names, group, strict=True))})
    rows = []
    base = reverse("tasks:ledger")
    lead_overdue, overdue = f"&part={UnitRole.LEAD.value}&light={deadlines.OVERDUE}", f"&light={deadlines.OVERDUE}"
    for row in assignments:
        unit = row["unit_id"]
        # ledger_url(base, year=…, unit=…, …): a year and an id need no quoting, so one prefix serves four links.
        url = ledger_url(base, year=year, unit=unit)
        rows.append({**row, "reminders": units[unit][2], "url": url,
                     "lead_overdue_url": url + lead_overdue, "overdue_url": url + overdue,
                     "missing_url": url + "&missing=true"})
    # Lagging first: overdue as lead weighs most, then 缺报, then overdue as a responsible unit.
    rows.sort(key=lambda r: (-r["lead_overdue"], -r["missing_count"], -r["responsible_overdue"], r["unit__order"]))
    return rows


def _unit_counts(year, today, named_only, lights):
    """by_unit()'s counts per unit: (unit id, lead, responsible, lead on time, lead overdue, responsible overdue,
    缺报) rows."""
    warn = settings.DUE_SOON_DAYS
    assignments = TaskUnit.objects.all()
    if named_only:
        assignments = assignments.exclude(~Q(via_group="") & Q(signed_at__isnull=True))
    light = F("task__stored_light") if lights == "current" else light_expression(today, warn, prefix="task__")
    lead, responsible = Q(role=UnitRole.LEAD), ~Q(role=UnitRole.LEAD)
    overdue = Q(light=deadlines.OVERDUE)
    return (assignments.filter(in_year(year, prefix="task__")).annotate(light=light)
            .order_by().values_list("unit_id")
            .annotate(lead=Count("pk", filter=lead), responsible=Count("pk", filter=responsible),
                      lead_on_time=Count("pk", filter=lead & Q(light=deadlines.CLOSED_ON_TIME)),
                      lead_overdue=Count("pk", filter=lead & overdue),
                      responsible_overdue=Count("pk", filter=responsible & overdue),
                      missing_count=Count("pk", filter=unit_missing_q(today))))


def unit_rows_html(rows) -> str:
    """The unit ranking's table rows as one HTML string, from by_unit()'s rows.

    The markup the rows had in templates/dashboard.html, built here: through the template each of a row's twelve
    values was a variable node with its own lookup, localisation and escaping, ~25 ms for 60 units on two cores
    (as tasks.views.ledger_rows_html for the ledger). Text is escaped with html.escape, as the template did.
    tests/dashboard/test_unit_rows_html.py holds the markup.
    """
    out = []
    for row in rows:
        name = escape(str(row["unit__name"]))
        lead_overdue = (f'<a class="text-danger fw-semibold" href="{escape(row["lead_overdue_url"])}">'
                        f'{row["lead_overdue"]}</a>' if row["lead_overdue"] else "0")
        missing = (f'<a class="text-danger" href="{escape(row["missing_url"])}">{row["missing_count"]}</a>'
                   if row["missing_count"] else "0")
        out.append(
            f'<tr data-unit="{name}"><td><a href="{escape(row["url"])}">{name}</a></td><td>{row["lead"]}</td>'
            f'<td>{row["responsible"]}</td><td>{row["lead_on_time"]}</td>\n'
            f'    <td>{lead_overdue}</td>\n'
            f'    <td>{row["responsible_overdue"]}</td><td>{missing}</td><td>{row["reminders"]}</td></tr>')
    return mark_safe("".join(out))


def category_rows_html(rows) -> str:
    """The printed table of progress by category (by_category()'s rows), its rows as one HTML string.

    The markup templates/dashboard.html had, built here as the unit ranking's: each row's segments were a loop of
    four escaped values and a filter. tests/dashboard/test_unit_rows_html.py holds the markup.
    """
    from tasks.templatetags.supervision import light_badge

    out = []
    for row in rows:
        segments = "".join(f'<a href="{escape(url)}" class="me-2 text-decoration-none" data-light="{escape(light)}">'
                           f"{light_badge(light)}{n}</a>" for light, n, url in row["segments"])
        out.append(f'<tr><td><a href="{escape(row["url"])}">{escape(str(row["label"]))}</a></td>'
                   f'<td>{row["total"]}</td><td>{segments}</td></tr>')
    return mark_safe("".join(out))


def cadence_rows_html(rows) -> str:
    """The required meetings' rows (compliance.cadence()) as one HTML string: the markup templates/dashboard.html's
    loop printed, where each row's five values and its chain of ifs cost as much as the rest of the table.
    tests/dashboard/test_unit_rows_html.py holds the markup."""
    marks = {compliance.MET: '<span class="light light-green"></span>',
             compliance.MISSING: f'<span class="light light-red"></span>{escape(str(_("Missing")))}',
             compliance.OPEN: '<span class="light light-yellow"></span>'}
    due = '<span class="light light-grey"></span>'
    return mark_safe("".join(
        f"\n      <tr><td>{escape(str(row.type.name))}</td><td>{escape(row.period.label)}</td>"
        f"<td>{row.held}/{row.required}</td><td>{marks.get(row.state, due)}</td></tr>\n    " for row in rows))


def off_target_html(rows) -> str:
    """The indicators off target (_indicators_off_target()) as one HTML string, the markup templates/dashboard.html's
    loop printed (eight values a row). tests/dashboard/test_unit_rows_html.py holds the markup."""
    target = escape(str(_("Target")))
    out = []
    for row in rows:
        indicator, figure = row["indicator"], row["current"]
        out.append(f'<span class="me-3" data-indicator="{escape(indicator.measure)}">{escape(indicator.name)} '
                   f'{escape(figure.period.label)} <a class="text-danger fw-semibold" '
                   f'href="{escape(figure.numerator_url)}">{escape(figure.display)}{escape(indicator.unit_text)}</a>'
                   f"（{target} {escape(indicator.target_text)}）</span>")
    return mark_safe("".join(out))


def suggestion_figures(user, year, today):
    """Suggestions issued in the year: issued, replied on time, overdue without reply, adoption.

    For a user who sees every suggestion (the office, leaders) the statement is compiled once for the year and day.
    """
    def query():
        # The statistics page's measures, one definition each: overdue (a suggestion returned for more, 跟踪问效,
        # and past its new deadline too, as the 考核 counts it), evaluated, adopted (only once evaluated and closed).
        return Suggestion.objects.visible_to(user).filter(issued_on__year=year), dict(
            reply_measures(today),
            judicial=Count("pk", filter=Q(kind="judicial")),
            procuratorial=Count("pk", filter=Q(kind="procuratorial")),
        )

    if Suggestion.objects.visible_to(user).query.where:
        base, counts = query()
        return base.aggregate(**counts)
    return compiled_counts(("dashboard.suggestions", year, today), query)


def year_tasks(user, year, today, lights=False):
    """The year's items `user` may see with the ledger's light and 缺报 annotations, and nothing else.

    The ledger's rows (tasks.selectors.ledger_tasks) without what the dashboard never reads of them (units,
    category and plan joined, latest progress): the counts and the lists compile only the light and 缺报, from
    the same expressions as the ledger's, so each figure equals the ledger it links to.
    """
    from tasks.models import Task
    from tasks.selectors import light_annotations, missing_report_expression

    return (Task.objects.visible_to(user).filter(in_year(year))
            .annotate(**light_annotations(today, lights), missing_report=missing_report_expression(today)))


def overdue_and_due_soon(tasks, key=None):
    """The first overdue and due-soon items of year_tasks(), with the columns tasks/_task_rows.html prints.

    `tasks` and `key` as for category_light_groups(): with a key the two statements are compiled once and their
    rows made into Task objects as the ORM would (Task.from_db, the other columns deferred).
    """
    # Selected by the light's rank and in the ledger's order: with the stored light, the first rows of the index
    # task_ledger_order (rank, due date, sort key, id), not a walk along every due date filtered by light.
    order = ("due_date", "sort_key", "pk")
    ranks = (deadlines.LIGHTS.index(deadlines.OVERDUE), deadlines.LIGHTS.index(deadlines.DUE_SOON))
    if not key:
        tasks = _built(tasks).only(*LIST_COLUMNS)
        return tuple(list(tasks.filter(light_order=rank).order_by(*order)[:15]) for rank in ranks)
    from django.db import connection

    from tasks.models import Task

    columns = [Task._meta.pk.attname if column == "pk" else column for column in LIST_COLUMNS]
    annotations = ("light", "light_order", "missing_report")
    lists = []
    for rank in ranks:
        rows = compiled_rows(("dashboard.tasks_by_light", rank, *key), lambda rank=rank: (
            _built(tasks).filter(light_order=rank).order_by(*order).values_list(*LIST_COLUMNS, *annotations)[:15]))
        found = []
        for row in rows:
            task = Task.from_db(connection.alias, columns, row[:len(columns)])
            for name, value in zip(annotations, row[len(columns):], strict=True):
                setattr(task, name, value)
            found.append(task)
        lists.append(found)
    return tuple(lists)
