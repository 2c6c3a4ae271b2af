"""Working-day arithmetic over the office's calendar: weekends rest, CalendarDay rows override.

The pure functions take the overrides as a plain {date: is_working} dict; the ORM wrappers load only the
rows of the range they need (one query).
"""

import datetime

ONE_DAY = datetime.timedelta(days=1)


def is_working_day(day: datetime.date, overrides: dict) -> bool:
    """Monday to Friday, unless the calendar says otherwise."""
    return overrides.get(day, day.weekday() < 5)


def count_working_days(start: datetime.date, end: datetime.date, overrides: dict) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start + ONE_DAY
    while day <= end:
        count += is_working_day(day, overrides)
        day += ONE_DAY
    return count


def nth_working_day_after(start: datetime.date, n: int, overrides: dict) -> datetime.date:
    """The n-th working day after `start` (n >= 1); `start` itself when n <= 0."""
    day = start
    while n > 0:
        day += ONE_DAY
        n -= is_working_day(day, overrides)
    return day


def overrides_between(start: datetime.date, end: datetime.date) -> dict:
    """The calendar's rows from start to end as {date: is_working}."""
    from .models import CalendarDay

    return dict(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_working_day"))


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`, by the office's calendar."""
    return count_working_days(start, end, overrides_between(start, end)) if end > start else 0


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start`, by the office's calendar (e.g. a reply within 7 工作日)."""
    # Even the Spring Festival week plus weekends cannot stretch n working days beyond 2n + 21 calendar days.
    horizon = start + datetime.timedelta(days=2 * max(n, 0) + 21)
    return nth_working_day_after(start, n, overrides_between(start, horizon))
