"""Calendar rules of the supervision engine, free of the database: reporting periods and traffic lights.

All dates are calendar dates in Asia/Shanghai. A deadline is met when the closure request is submitted
on or before it. `light_state.light_expression` is the SQL twin of `light()`; tests hold them equal, and
`light_changes_on()` tells when a light turns by the date alone (the stored light's next catch-up).
"""

import dataclasses
import datetime
import re

from django.utils.translation import gettext_lazy as _

# Reporting cycles.
MONTHLY = "monthly"
QUARTERLY = "quarterly"
HALF_YEARLY = "half_yearly"
YEARLY = "yearly"
CYCLES = (MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY)
MONTHS_PER_PERIOD = {MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12}

# Task statuses (the model's choices use these values).
DRAFT = "draft"
ASSIGNED = "assigned"
IN_PROGRESS = "in_progress"
CLOSURE_REQUESTED = "closure_requested"
CLOSED = "closed"
CANCELLED_STATUS = "cancelled"

# Deadline kinds.
KIND_DATE = "date"
KIND_LONG_TERM = "long_term"
KIND_PERIODIC = "periodic"
KIND_NONE = "none"

# Traffic lights.
CLOSED_ON_TIME = "closed_on_time"
CLOSED_LATE = "closed_late"
OVERDUE = "overdue"
DUE_SOON = "due_soon"
ON_TRACK = "on_track"
NO_DEADLINE = "no_deadline"
CANCELLED = "cancelled"
# The order the ledger sorts by: what needs attention first.
LIGHTS = (OVERDUE, DUE_SOON, ON_TRACK, NO_DEADLINE, CLOSED_ON_TIME, CLOSED_LATE, CANCELLED)

LIGHT_LABELS = {
    CLOSED_ON_TIME: _("Closed on time"),
    CLOSED_LATE: _("Closed late"),
    OVERDUE: _("Overdue"),
    DUE_SOON: _("Due soon"),
    ON_TRACK: _("On track"),
    NO_DEADLINE: _("No fixed deadline"),
    CANCELLED: _("Cancelled"),
}
# Bootstrap colour names: red, yellow, green, grey.
LIGHT_COLOURS = {
    CLOSED_ON_TIME: "success",
    CLOSED_LATE: "danger",
    OVERDUE: "danger",
    DUE_SOON: "warning",
    ON_TRACK: "success",
    NO_DEADLINE: "secondary",
    CANCELLED: "secondary",
}


def light_label(light: str):
    return LIGHT_LABELS.get(light, "")


def light_colour(light: str) -> str:
    return LIGHT_COLOURS.get(light, "secondary")


def add_days(day: datetime.date, days: int) -> datetime.date:
    return day + datetime.timedelta(days=days)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar months, clamped to the month's end: 2024-01-31 + 1 → 2024-02-29."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = _last_day_of_month(year, month)
    return datetime.date(year, month, min(day.day, last))


def _last_day_of_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)).day


@dataclasses.dataclass(frozen=True, order=True)
class Period:
    """One reporting period: a month, quarter, half-year or year."""

    start: datetime.date
    end: datetime.date
    cycle: str = dataclasses.field(compare=False)

    @property
    def key(self) -> str:
        year = self.start.year
        if self.cycle == MONTHLY:
            return f"{year}-{self.start.month:02d}"
        if self.cycle == QUARTERLY:
            return f"{year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.cycle == HALF_YEARLY:
            return f"{year}-H{(self.start.month - 1) // 6 + 1}"
        return str(year)

    @property
    def label(self) -> str:
        year = self.start.year
        if self.cycle == MONTHLY:
            return f"{year}年{self.start.month}月"
        if self.cycle == QUARTERLY:
            return f"{year}年第{(self.start.month - 1) // 3 + 1}季度"
        if self.cycle == HALF_YEARLY:
            return f"{year}年{'上' if self.start.month == 1 else '下'}半年"
        return f"{year}年度"

    def __str__(self):
        return self.label


def period_containing(day: datetime.date, cycle: str) -> Period:
    months = MONTHS_PER_PERIOD[cycle]
    first_month = (day.month - 1) // months * months + 1
    start = datetime.date(day.year, first_month, 1)
    end = add_months(start, months) - datetime.timedelta(days=1)
    return Period(start, end, cycle)


_KEY_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{2})$"), MONTHLY, 1),
    (re.compile(r"^(\d{4})-Q([1-4])$"), QUARTERLY, 3),
    (re.compile(r"^(\d{4})-H([12])$"), HALF_YEARLY, 6),
)


def period_from_key(key: str) -> Period:
    """The inverse of Period.key; ValueError for anything else."""
    for pattern, cycle, months in _KEY_PATTERNS:
        if match := pattern.fullmatch(key):  # not match(): "$" would let a trailing newline through
            year, index = int(match[1]), int(match[2])
            if cycle == MONTHLY and not 1 <= index <= 12:
                break
            return period_containing(datetime.date(year, (index - 1) * months + 1, 1), cycle)
    if re.fullmatch(r"\d{4}", key or ""):
        return period_containing(datetime.date(int(key), 1, 1), YEARLY)
    raise ValueError(f"not a period key: {key!r}")


def next_period(period: Period) -> Period:
    return period_containing(add_days(period.end, 1), period.cycle)


def previous_period(period: Period) -> Period:
    return period_containing(add_days(period.start, -1), period.cycle)


def report_due_date(period: Period, grace_days: int) -> datetime.date:
    """A period's report is due `grace_days` after the period ends (on that day it is still on time)."""
    return add_days(period.end, grace_days)


def last_due_period(today: datetime.date, cycle: str, grace_days: int) -> Period:
    """The latest period whose report due date is strictly before today: missing from today on if absent."""
    period = period_containing(today, cycle)
    while report_due_date(period, grace_days) >= today:
        period = previous_period(period)
    return period


def periods_due(start: datetime.date, today: datetime.date, cycle: str, grace_days: int) -> list[Period]:
    """Every period that overlaps [start, …] and whose report is already overdue on `today`, oldest first."""
    last = last_due_period(today, cycle, grace_days)
    periods = []
    period = period_containing(start, cycle)
    while period <= last:
        periods.append(period)
        period = next_period(period)
    return periods


def light(*, status: str, deadline_kind: str, due_date: datetime.date | None,
          closure_submitted_on: datetime.date | None, today: datetime.date, warn_days: int) -> str:
    """The traffic light of one task on `today`."""
    if status == CANCELLED_STATUS:
        return CANCELLED
    has_date = deadline_kind == KIND_DATE and due_date is not None
    if status == CLOSED:
        if not has_date or (closure_submitted_on is not None and closure_submitted_on <= due_date):
            return CLOSED_ON_TIME
        return CLOSED_LATE
    if not has_date:
        return NO_DEADLINE
    if status == CLOSURE_REQUESTED and closure_submitted_on is not None:
        # The clock stopped when the closure request went in.
        return OVERDUE if closure_submitted_on > due_date else ON_TRACK
    if today > due_date:
        return OVERDUE
    if (due_date - today).days <= warn_days:
        return DUE_SOON
    return ON_TRACK


def light_changes_on(*, status: str, deadline_kind: str, due_date: datetime.date | None,
                     closure_submitted_on: datetime.date | None, today: datetime.date,
                     warn_days: int) -> datetime.date | None:
    """The first day after `today` on which light() turns by the date alone; None when it never does.

    Only an open item with a running clock changes by itself: green turns yellow `warn_days` before its
    deadline, yellow turns red the day after it. Red, grey, closed, cancelled and a stopped clock stay.
    """
    if status in (CLOSED, CANCELLED_STATUS) or deadline_kind != KIND_DATE or due_date is None:
        return None
    if status == CLOSURE_REQUESTED and closure_submitted_on is not None:
        return None
    if today > due_date:
        return None
    if (due_date - today).days <= warn_days:
        return add_days(due_date, 1)
    return add_days(due_date, -warn_days)


def days_left(due_date: datetime.date | None, today: datetime.date) -> int | None:
    """Days until the deadline (negative when past), None without a date."""
    return None if due_date is None else (due_date - today).days
