"""Reads of the supervision engine: lights and 缺报 in SQL, the ledger queryset, each role's lists."""

import datetime
import functools
from typing import NamedTuple

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from fuyuan.lib.sql import compiled_rows

from . import deadlines, light_state, report_state
from .light_state import LIGHT_ORDER, light_expression
from .models import (
    ClosureRequest,
    Decision,
    ExtensionRequest,
    ProgressReport,
    Status,
    Task,
    TaskUnit,
    UnitRole,
)


def light_order_expression(today: datetime.date | None = None, warn_days: int | None = None):
    """Red first, then yellow, green, grey, closed: the order the ledger sorts by light.

    Given the day, one flat CASE over the task's columns (sorting 10,000 rows evaluates it once a row);
    without, a CASE over the `light` annotation (which the database expands once per light).
    """
    if today is not None:
        warn_days = settings.DUE_SOON_DAYS if warn_days is None else warn_days
        return light_expression(today, warn_days, values=LIGHT_ORDER, output_field=IntegerField())
    return Case(*[When(light=light, then=Value(i)) for light, i in LIGHT_ORDER.items()],
                default=Value(99), output_field=IntegerField())


def light_annotations(today: datetime.date, catch_up: bool = False) -> dict:
    """`light` and `light_order` on `today`, read from the stored columns where they are today's.

    With `catch_up`, the stored lights are first brought up to date (light_state.current: one small query, and
    an UPDATE when a row is behind), so both are read as stored: the ledger's counts group by a column and its
    default order is an index's (task_ledger_order). Without, no query: the stored column, the rule computed
    only on a row whose stored light may be stale. For another day than today, the rule on every row.
    """
    if today == timezone.localdate():
        # `catch_up` may be the answer of light_state.current(today) a caller already asked (one query a page).
        if catch_up is True and light_state.current(today) or catch_up == "current":
            return {"light": F("stored_light"), "light_order": F("stored_light_order")}
        return {"light": light_state.fresh_light(today), "light_order": light_state.fresh_light_order(today)}
    warn_days = settings.DUE_SOON_DAYS
    return {"light": light_expression(today, warn_days), "light_order": light_order_expression(today, warn_days)}


def last_due_periods(today: datetime.date) -> dict[str, deadlines.Period]:
    """For each cycle, the latest period whose report is already due (missing from the next day on)."""
    grace = settings.REPORT_GRACE_DAYS
    return {cycle: deadlines.last_due_period(today, cycle, grace) for cycle in deadlines.CYCLES}


def missing_report_expression(today: datetime.date):
    """True when some unit of an open long-term or periodic item is 缺报 today (report_state.task_missing_q)."""
    return Case(When(report_state.task_missing_q(today), then=Value(True)), default=Value(False),
                output_field=BooleanField())


def unit_missing_expression(today: datetime.date):
    """On a TaskUnit row: True when this unit is 缺报 on its open item today (report_state.unit_missing_q)."""
    return Case(When(report_state.unit_missing_q(today), then=Value(True)), default=Value(False),
                output_field=BooleanField())


def in_year(year: int, prefix: str = "") -> Q:
    """The year's work: assigned by its end and not closed before its start (drafts excluded)."""
    return (Q(**{prefix + "assigned_on__lte": datetime.date(year, 12, 31)})
            & (Q(**{prefix + "closed_on__isnull": True}) | Q(**{prefix + "closed_on__gte": datetime.date(year, 1, 1)}))
            & ~Q(**{prefix + "status": Status.DRAFT}))


def ledger_tasks(user, today=None, catch_up=False):
    """The ledger's rows for a user: scoped, with light, 缺报, latest progress and units in a fixed few queries.

    `catch_up`: read the stored lights as stored, after one query checks them (see light_annotations), or
    "current" when the caller has checked them already (light_state.current(today) was true): for the
    ledger page, which sorts by light.
    """
    return _ledger(today, catch_up).visible_to(user)


def all_ledger_tasks(today=None):
    """Every item, unscoped: for commands run by the operator (export_ledger), never for a request."""
    return _ledger(today)


def _ledger(today, catch_up=False):
    """Every item with the ledger's annotations, unscoped (the caller scopes it).

    Building its annotations, joins and prefetch through the ORM was ~0.5 ms of every ledger page; they depend
    only on _ledger_base's arguments, so the queryset is built once for them and each caller gets a clone
    (`.all()`: the built one is never evaluated). Scoping after annotating gives the same SQL (the annotations
    aggregate nothing).
    """
    real_today = timezone.localdate()
    today = today or real_today
    if catch_up is True and today == real_today:
        catch_up = "current" if light_state.current(today) else False
    return _ledger_base(today, catch_up == "current", real_today, settings.DUE_SOON_DAYS,
                        settings.REPORT_GRACE_DAYS).all()


@functools.lru_cache(maxsize=64)
def _ledger_base(today, stored, real_today, due_soon_days, grace_days):
    """The annotated queryset; `real_today` and the two settings it reads are arguments so that they are in the
    cache's key (light_annotations compares `today` with the real one)."""
    return (
        Task.objects
        .annotate(**light_annotations(today, "current" if stored else False))
        # The newest report's text by a subquery, not a join: a count over these rows (light_count_groups) then
        # reads the task table alone, and a page runs it for its 50 rows only.
        .annotate(missing_report=missing_report_expression(today), latest_progress=Subquery(
            ProgressReport.objects.filter(pk=OuterRef("latest_report_id")).order_by().values("text")))
        .select_related("category", "plan")
        # A plan's source text can be tens of kilobytes: never drag it along with every row.
        .defer("plan__source_text")
        # Ordered by part and printed order only: ordering by task would join and sort the task table.
        .prefetch_related(Prefetch("assignments", queryset=TaskUnit.objects.select_related("unit")
                                   .order_by("role", "order", "pk")))
    )


def light_count_groups(tasks, today, shared: "SharedLedger | None" = None) -> list[tuple[str, bool, int]]:
    """(light, 缺报, how many) over these tasks (ledger-annotated for `today`), in one statement.

    On PostgreSQL, two grouped counts in one UNION ALL: every row by the light's rank (with the stored light, one
    pass in the order of an index that holds every column it reads, task_light_counts, no hashing; computed, the
    light's CASE is evaluated once per row), then the 缺报 rows alone, found by the index on their oldest
    unreported period (report_state.task_missing_q); counting them with a FILTER instead evaluated the 缺报
    condition on every row (at 10,000 items 1.4 ms against 0.8 ms). SQLite keeps no statistics unless ANALYZE is
    run, and without them it finds the 缺报 rows by the status index instead (5.9 ms): there they are counted with
    the FILTER in the one index scan (1.4 ms). The ledger sums these into its counts per light and, for the light
    or 缺报 it is filtered by, its own total. Rows: (light's rank, how many, of which 缺报).
    """
    from django.db import connection

    union = connection.vendor == "postgresql"

    def query(tasks):
        if not union:
            return (tasks.order_by().values("light_order")
                    .annotate(n=Count("*"), missing=Count("light_order", filter=Q(missing_report=True)))
                    .values_list("light_order", "n", "missing"))

        def grouped(rows, part):
            # COUNT(*) and the rank (never NULL): columns the index holds, not the primary key it does not.
            return (rows.order_by().annotate(part=Value(part, output_field=IntegerField()))
                    .values("part", "light_order").annotate(n=Count("*")).values_list("part", "light_order", "n"))

        return grouped(tasks, 0).union(grouped(tasks.filter(report_state.task_missing_q(today)), 1),
                                       all=True).order_by()

    if shared is None:
        rows = query(tasks)
    else:  # the same statement for this kind of reader, compiled once (tasks.views.shared_ledger_key)
        rows = shared.rows(("ledger.light_count_groups",), query)
    if union:
        totals, missing = {}, {}
        for part, light_order, n in rows:
            (missing if part else totals)[light_order] = n
        rows = [(light_order, n, missing.get(light_order, 0)) for light_order, n in sorted(totals.items())]
    groups = []
    for light_order, n, missing_n in sorted(rows):
        light = deadlines.LIGHTS[light_order]
        groups += [(light, True, missing_n), (light, False, n - missing_n)]
    return [group for group in groups if group[2]]


def light_counts_from_groups(groups) -> dict:
    """Counts per light, 缺报 and the total from light_count_groups' (light, 缺报, n) rows."""
    counts = dict.fromkeys(deadlines.LIGHTS, 0)
    counts["missing_report"] = counts["total"] = 0
    for light, missing, n in groups:
        counts[light] = counts.get(light, 0) + n
        counts["total"] += n
        if missing:
            counts["missing_report"] += n
    return counts


def task_for_page(user, pk, today=None, assignments=True, flags=False):
    """One visible item with the ledger's light and 缺报, computed for this row only.

    The ledger's queryset compiles its light and 缺报 expressions for every request; for a single item the
    same values come from the row itself (the light in Python, 缺报 from the stored state). Of its plan and
    category only what the page prints (`plan_title`, `category_label`): a joined model costs its columns'
    compilation and its instance on every request. `assignments`: its units prefetched (_page_assignments).
    Without, the row is read by its query compiled once per process for the user's kind (compiled_for): the
    scoping stays Task.objects.visible_to's; with `flags` (the item page), also whether the item has targets,
    sub-items or files at all.
    """
    from django.http import Http404

    today = today or timezone.localdate()
    if assignments:
        from django.shortcuts import get_object_or_404

        task = get_object_or_404(_page_tasks(user).prefetch_related(
            Prefetch("assignments", queryset=_page_assignments())), pk=pk)
    else:
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            raise Http404 from None
        task = _page_task(user, pk, flags)
        if task is None:
            raise Http404
    # As Category.__str__ prints it.
    task.category_label = (f"{task.category_number}、{task.category_title}" if task.category_number
                           else task.category_title)
    task.light = task.light_today(today)
    task.light_order = LIGHT_ORDER.get(task.light, 99)
    end = task.unreported_period_end
    task.missing_report = task.is_open and end is not None and end < report_state.missing_cutoff(today)
    return task


_PAGE_NAMES = ("plan_title", "category_number", "category_title")


def _page_tasks(user):
    return Task.objects.visible_to(user).annotate(
        plan_title=F("plan__title"), category_number=F("category__number"), category_title=F("category__title"))


class _StandInUser:
    """What Task.objects.visible_to may read of a user when the item page's query is compiled for a kind of user:
    anything else it read would fail here rather than be compiled into another user's query."""

    __slots__ = ("is_authenticated", "is_active", "role", "unit_id")

    def __init__(self, kind, unit_id):
        self.is_authenticated, self.is_active, self.role, has_unit = kind
        self.unit_id = unit_id if has_unit else None


_queries_by_kind = {}


def user_kind(user) -> tuple:
    """What Task.objects.visible_to decides by, but the unit's id: signed in, active, role, with a unit or not."""
    return (bool(user.is_authenticated), bool(getattr(user, "is_active", False)), getattr(user, "role", None),
            bool(getattr(user, "unit_id", None)))


class SharedLedger(NamedTuple):
    """The ledger's counts and page rows as statements compiled once per day for a kind of user (see
    tasks.views.shared_ledger_key): `key` names them, `values` is the user's unit id (0 without one), put where
    the stand-in was; `tasks(stand-in)` builds the user's ledger for a stand-in user of that kind (the stored
    lights current), narrowed by `narrow` when given (the key must then say so)."""

    key: tuple
    values: tuple
    kind: tuple
    today: datetime.date
    narrow: object = None

    def tasks(self, unit_id):
        tasks = ledger_tasks(_StandInUser(self.kind, unit_id), self.today, catch_up="current")
        return self.narrow(tasks) if self.narrow else tasks

    def rows(self, key, query):
        """compiled_rows of `query(this kind of user's ledger)` under `key` and this user's unit."""
        return compiled_rows((*key, *self.key), lambda unit_id: query(self.tasks(unit_id)), self.values,
                             optional=(0,))  # the office's and leaders' use no unit


def compiled_for(user, build, *values):
    """build(stand-in user, *stand-ins)'s SQL and params for `user`'s kind of user (signed in, active, role, with a
    unit or not), compiled once per process (fuyuan.lib.sql.compiled_once), with `values` and the user's unit id
    where the stand-ins were: for the item page's queries scoped by Task.objects.visible_to."""
    kind = user_kind(user)
    key = (build, kind)
    if key not in _queries_by_kind:
        from fuyuan.lib.sql import compiled_once

        def query(unit_id, *stand_ins, kind=kind):
            return build(_StandInUser(kind, unit_id), *stand_ins)

        query.__name__ = build.__name__
        _queries_by_kind[key] = compiled_once(query, optional=(0,))  # the office's and leaders' use no unit
    return _queries_by_kind[key](getattr(user, "unit_id", None) or 0, *values)


def _action_task_query(user, pk):
    """The item and what the page prints of its plan and category (an action's POST, which shows no page)."""
    concrete = [field.attname for field in Task._meta.concrete_fields]
    return _page_tasks(user).filter(pk=pk).values_list(*concrete, *_PAGE_NAMES)


def _page_task_query(user, pk):
    """The item, what the page prints of its plan and category, and whether it has targets, sub-items or files at
    all: most items have none, and the page then skips those three queries."""
    from django.db.models import Exists

    from .models import Attachment, Target

    concrete = [field.attname for field in Task._meta.concrete_fields]
    return _page_tasks(user).filter(pk=pk).annotate(
        has_targets=Exists(Target.objects.filter(task=OuterRef("pk"))),
        has_children=Exists(Task.objects.filter(parent=OuterRef("pk"))),
        has_report_files=Exists(Attachment.objects.filter(report__task=OuterRef("pk"))),
        has_closure_files=Exists(Attachment.objects.filter(closure__task=OuterRef("pk"))),
    ).values_list(*concrete, *_PAGE_NAMES, *_PAGE_FLAGS)


_PAGE_FLAGS = ("has_targets", "has_children", "has_report_files", "has_closure_files")
_BOOLEAN = BooleanField()  # how a computed true/false column is read (SQLite: 0 or 1)


def _page_task(user, pk, flags):
    """The row of _page_tasks(user) with this pk as a Task (None when the user may not see it); with `flags`,
    also `has_targets`, `has_children` and `has_files`."""
    from django.core.exceptions import EmptyResultSet

    from fuyuan.lib.sql import instances

    try:
        sql, params = compiled_for(user, _page_task_query if flags else _action_task_query, pk)
    except EmptyResultSet:  # visible_to: nothing for this kind of user
        return None
    rows = instances(sql, params, Task, extra=(*[None] * len(_PAGE_NAMES), *[_BOOLEAN] * (len(_PAGE_FLAGS) * flags)))
    if not rows:
        return None
    task, *values = rows[0]
    task.plan_title, task.category_number, task.category_title = values[:len(_PAGE_NAMES)]
    if flags:
        task.has_targets, task.has_children, report_files, closure_files = values[len(_PAGE_NAMES):]
        task.has_files = report_files or closure_files
    return task


def _page_assignments():
    """The item's units as its pages print them: part, order, signature, the unit's names, and `has_liaison`.

    `has_liaison`: some active account acts for the unit (fuyuan.units.models.has_liaison, written against the
    assignment's unit so that it costs no query of its own). The services that change an item read its units
    again, whole.
    """
    from fuyuan.units.models import has_liaison

    return (TaskUnit.objects.select_related("unit")
            .only("task_id", "unit_id", "role", "order", "signed_at", "via_group", "unit__name", "unit__short_name")
            .annotate(has_liaison=has_liaison(OuterRef("unit_id"))).order_by("role", "order", "pk"))


def units_of(task, role):
    """The task's units in one part (lead or responsible), in printed order, from prefetched assignments."""
    return [a.unit for a in task.assignments.all() if a.role == role]


def lead_units(task):
    return units_of(task, UnitRole.LEAD)


def responsible_units(task):
    return units_of(task, UnitRole.RESPONSIBLE)


def missing_periods(task, unit, today=None):
    """Every past period for which `unit` owes `task` a report and has none, oldest first."""
    return missing_periods_by_unit(task, [unit.pk], today)[unit.pk]


def missing_periods_by_unit(task, unit_ids, today=None, reported=None) -> dict:
    """missing_periods() for several units of one task, from one query: {unit id: [period, …]}.

    `reported`: the task's (unit id, period key) pairs when the caller has read its reports already (no query).
    """
    unit_ids = list(unit_ids)
    if not task.owes_periodic_reports or not task.assigned_on or task.status == Status.CANCELLED:
        return {unit_id: [] for unit_id in unit_ids}
    today = today or timezone.localdate()
    if task.status == Status.CLOSED and task.closed_on:
        # Only reports that fell due while the item was open are owed; nothing accrues after its closure.
        today = min(today, task.closed_on)
    due = deadlines.periods_due(task.assigned_on, today, task.cycle, settings.REPORT_GRACE_DAYS)
    keys = {unit_id: set() for unit_id in unit_ids}
    if reported is None:
        reported = (ProgressReport.objects.filter(task=task, unit_id__in=unit_ids).order_by()
                    .values_list("unit_id", "period_key"))
    for unit_id, key in reported:
        if unit_id in keys:
            keys[unit_id].add(key)
    return {unit_id: [p for p in due if p.key not in keys[unit_id]] for unit_id in unit_ids}


def report_period_choices(task, today=None):
    """The periods a unit may report for: the current one and those already due, newest first."""
    if not task.owes_periodic_reports:
        return []
    today = today or timezone.localdate()
    current = deadlines.period_containing(today, task.cycle)
    # Every period since the assignment: with a grace longer than the cycle (monthly, 45 days) a period can
    # be neither the previous one nor already due, yet it will be missing if not reported now.
    period = min(deadlines.period_containing(task.assigned_on or today, task.cycle), current)
    periods = []
    while period <= current:
        periods.append(period)
        period = deadlines.next_period(period)
    return periods[::-1]


def pending_extensions():
    return ExtensionRequest.objects.filter(decision=Decision.PENDING).select_related("task", "unit", "requested_by")


def pending_closures():
    return ClosureRequest.objects.filter(decision=Decision.PENDING).select_related("task", "unit", "requested_by")
