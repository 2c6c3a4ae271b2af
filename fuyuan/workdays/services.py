"""The office's edits to the calendar (django-auditlog records each row's change and who made it)."""

import datetime

from django.db import transaction

from .models import CalendarDay
from .seed import DAYS


@transaction.atomic
def set_day(*, date: datetime.date, is_working_day: bool, name: str) -> CalendarDay:
    """Mark a date as a holiday or a 调休 working day (replacing what the calendar said about it)."""
    day, _created = CalendarDay.objects.update_or_create(
        date=date, defaults={"is_working_day": is_working_day, "name": name.strip()[:50]})
    return day


def seed_calendar() -> int:
    """Insert the shipped 2025–2027 days that are not in the calendar yet (tests flush data migrations)."""
    existing = set(CalendarDay.objects.values_list("date", flat=True))
    rows = [CalendarDay(date=datetime.date.fromisoformat(d), is_working_day=w, name=n)
            for d, w, n in DAYS if datetime.date.fromisoformat(d) not in existing]
    CalendarDay.objects.bulk_create(rows)
    return len(rows)
