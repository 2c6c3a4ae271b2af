"""The traffic light, defined once in SQL, and stored: the ledger reads it from indexed columns.

An item's light (deadlines.light) depends on its own columns and, for an open item with a date whose clock
runs, on today's date: green until DUE_SOON_DAYS before the deadline, yellow until the deadline, red after.
So each row keeps `stored_light` and its rank `stored_light_order` (the ledger's sort) as of the day they
were computed, and `light_changes_on`: the next day its light turns by the date alone
(deadlines.light_changes_on; NULL when it never does). A stored light is right on every day before its
row's `light_changes_on`, so "every stored light is right today" is "no row has light_changes_on <= today".

Kept right without trusting a cron job:
- Task.save() recomputes the three columns whenever it writes a light input (status, deadline kind, due
  date, closure date): every service and edit. Bulk inserts set them (Task.compute_stored_light) or leave
  LIGHT_NOT_COMPUTED, which the next catch-up computes; a bulk .update() of an input calls refresh().
- catch_up(today): one indexed UPDATE of the rows whose day has come, with the SQL twin of the rule. The
  daily scan runs it, and every read that uses the stored light first calls current(today): one small
  query (the marker row and an EXISTS on the index) and, when some row is behind, the catch-up. A missed
  scan costs the day's first reader that UPDATE, never a wrong light.

Reads for any other day than today (tests, the benchmark's floor, a report as of a date) compute the light
in the query, as they always did. The catch-up is idempotent and safe with several app servers: a row it
updates no longer matches its WHERE, so a second server's UPDATE skips it.
"""

import contextlib
import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Case, DateField, Exists, F, Func, IntegerField, Q, Value, When
from django.db.models import CharField as CharOutput
from django.utils import timezone

from fuyuan.lib.sql import fetch_as, name

from . import deadlines
from .models import DeadlineKind, LightState, Status, Task

logger = logging.getLogger(__name__)

LIGHT_ORDER = {light: index for index, light in enumerate(deadlines.LIGHTS)}
# A reader waits at most this long for a row a transaction holds before it computes the light instead.
CATCH_UP_LOCK_TIMEOUT = "2s"


class AddDays(Func):
    """`date + days` as a date, on PostgreSQL (date + integer) and SQLite (date(d, '+n days'))."""

    output_field = DateField()

    def __init__(self, expression, days: int):
        super().__init__(expression)
        self.days = int(days)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} + %s::integer)", (*params, self.days)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, %s)", (*params, f"{self.days:+d} days")


def light_expression(today: datetime.date, warn_days: int, prefix: str = "", values=None, output_field=None):
    """The SQL twin of deadlines.light(): same rule, same order. `prefix` ("task__") reads a related task.

    `values` maps each light to what the expression yields instead of the light's name (LIGHT_ORDER gives the
    light's rank in one flat CASE, rather than a CASE over the light's CASE).
    """

    def q(**lookups):
        return Q(**{prefix + name: value for name, value in lookups.items()})

    def value(light):
        return Value(values[light] if values is not None else light)

    due = F(prefix + "due_date")
    no_fixed_date = ~q(deadline_kind=DeadlineKind.DATE) | q(due_date__isnull=True)
    return Case(
        When(q(status=Status.CANCELLED), then=value(deadlines.CANCELLED)),
        When(q(status=Status.CLOSED) & no_fixed_date, then=value(deadlines.CLOSED_ON_TIME)),
        When(q(status=Status.CLOSED, closure_requested_on__lte=due), then=value(deadlines.CLOSED_ON_TIME)),
        When(q(status=Status.CLOSED), then=value(deadlines.CLOSED_LATE)),
        When(no_fixed_date, then=value(deadlines.NO_DEADLINE)),
        When(q(status=Status.CLOSURE_REQUESTED, closure_requested_on__gt=due), then=value(deadlines.OVERDUE)),
        When(q(status=Status.CLOSURE_REQUESTED, closure_requested_on__isnull=False), then=value(deadlines.ON_TRACK)),
        When(q(due_date__lt=today), then=value(deadlines.OVERDUE)),
        When(q(due_date__lte=today + datetime.timedelta(days=warn_days)), then=value(deadlines.DUE_SOON)),
        default=value(deadlines.ON_TRACK),
        output_field=output_field or CharOutput(),
    )


def changes_on_expression(today: datetime.date, warn_days: int):
    """The SQL twin of deadlines.light_changes_on(): the day the light next turns by the date alone, or NULL."""
    stays = (Q(status__in=[Status.CLOSED, Status.CANCELLED]) | ~Q(deadline_kind=DeadlineKind.DATE)
             | Q(due_date__isnull=True) | Q(status=Status.CLOSURE_REQUESTED, closure_requested_on__isnull=False)
             | Q(due_date__lt=today))
    return Case(
        When(stays, then=Value(None, output_field=DateField())),
        When(due_date__lte=today + datetime.timedelta(days=warn_days), then=AddDays(F("due_date"), 1)),
        default=AddDays(F("due_date"), -warn_days),
        output_field=DateField(),
    )


def stored_columns(today: datetime.date, warn_days: int) -> dict:
    """The three stored columns as SQL expressions over the row, for an UPDATE as of `today`."""
    return {
        "stored_light": light_expression(today, warn_days),
        "stored_light_order": light_expression(today, warn_days, values=LIGHT_ORDER, output_field=IntegerField()),
        "light_changes_on": changes_on_expression(today, warn_days),
    }


def refresh(tasks, today: datetime.date | None = None) -> int:
    """Recompute the stored light of these rows in one UPDATE (after a bulk .update() of a light input)."""
    return tasks.update(**stored_columns(today or timezone.localdate(), settings.DUE_SOON_DAYS))


def catch_up(today: datetime.date) -> int:
    """Bring every row whose light turned by `today` up to date: one UPDATE over the light_changes_on index."""
    changed = refresh(Task.objects.filter(light_changes_on__lte=today), today)
    LightState.objects.filter(caught_up_on__lt=today).update(caught_up_on=today)
    return changed


def recompute_all(today: datetime.date) -> int:
    """Recompute every row (first use, or DUE_SOON_DAYS changed) and record what they now assume."""
    changed = refresh(Task.objects.all(), today)
    try:
        with transaction.atomic():
            LightState.objects.update_or_create(pk=1, defaults={"warn_days": settings.DUE_SOON_DAYS,
                                                                "caught_up_on": today})
    except IntegrityError:
        pass  # another server created the row meanwhile, with the same values
    return changed


def current(today: datetime.date | None = None) -> bool:
    """True when the stored lights are today's (brought up to date first if some row is behind).

    False for any other day than today, or when the clock was set back (the rows may be a later day's), or when
    the catch-up had to wait too long for a row a transaction holds: the caller then computes the light.
    """
    real_today = timezone.localdate()
    if today is not None and today != real_today:
        return False
    today = real_today
    state = _marker(today)
    try:
        if state is None or state[0] != settings.DUE_SOON_DAYS:
            with _bounded_wait():
                recompute_all(today)
            return True
        _warn_days, caught_up_on, behind = state
        if caught_up_on > today:
            return False
        if behind:
            with _bounded_wait():
                catch_up(today)
        elif caught_up_on < today:  # the day's first reader: nothing turned, the marker moves on
            LightState.objects.filter(pk=1, caught_up_on__lt=today).update(caught_up_on=today)
    except OperationalError as error:
        # A lock wait timed out or a deadlock was broken: compute the light this time, catch up next time.
        logger.warning("stored lights not caught up for %s: %s", today, error)
        return False
    return True


def _marker(today: datetime.date):
    """(warn_days, caught_up_on, whether some row's light turned by `today`) of the marker row, or None.

    One plain statement (fuyuan.lib.sql): the marker row and an EXISTS on the light_changes_on index. The
    ledger, the dashboard and the office's home ask it on every request, and compiling it through the ORM cost
    four times running it.
    """
    rows = fetch_as(
        f"SELECT {name(LightState, 'warn_days')}, {name(LightState, 'caught_up_on')}, EXISTS(SELECT 1 FROM "
        f"{name(Task)} WHERE {name(Task, 'light_changes_on')} <= %s) FROM {name(LightState)} "
        f"WHERE {name(LightState, 'id')} = 1", [connection.ops.adapt_datefield_value(today)],
        (None, LightState._meta.get_field("caught_up_on")))
    if not rows:
        return None
    warn_days, caught_up_on, behind = rows[0]
    return warn_days, caught_up_on, bool(behind)  # EXISTS is 0/1 on SQLite


@contextlib.contextmanager
def _bounded_wait():
    """A transaction (a savepoint inside one) in which, on PostgreSQL in autocommit, lock waits are bounded.

    Inside a caller's transaction the timeout is not set: SET LOCAL would outlive the savepoint.
    """
    bound = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if bound:
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{CATCH_UP_LOCK_TIMEOUT}'")
        yield


def _stale(today: datetime.date, prefix: str = "") -> Q:
    """Rows whose stored light may not be today's: their day has come, or the stored lights assume another
    DUE_SOON_DAYS or a later day (a clock set back). The marker's test is one uncorrelated subquery, run once."""
    marker = LightState.objects.filter(pk=1, warn_days=settings.DUE_SOON_DAYS, caught_up_on__lte=today)
    return Q(**{prefix + "light_changes_on__lte": today}) | Q(~Exists(marker))


def fresh_light(today: datetime.date, prefix: str = ""):
    """The light on `today` (the real today) with no query of its own: the stored column, computed where stale.

    Right whether or not the catch-up has run; after it, no row evaluates the rule. `prefix` ("task__") reads
    a related task.
    """
    return Case(When(_stale(today, prefix), then=light_expression(today, settings.DUE_SOON_DAYS, prefix)),
                default=F(prefix + "stored_light"), output_field=CharOutput())


def fresh_light_order(today: datetime.date):
    """The light's rank on `today` as fresh_light() reads it (sorting by it cannot use the ledger's index)."""
    computed = light_expression(today, settings.DUE_SOON_DAYS, values=LIGHT_ORDER, output_field=IntegerField())
    return Case(When(_stale(today), then=computed), default=F("stored_light_order"), output_field=IntegerField())
