"""Seed the calendar with the published holidays and 调休 days (fuyuan/workdays/seed.py)."""

import datetime

from django.db import migrations


def seed(apps, schema_editor):
    from fuyuan.workdays.seed import DAYS

    CalendarDay = apps.get_model("workdays", "CalendarDay")
    existing = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarDay.objects.bulk_create(
        CalendarDay(date=datetime.date.fromisoformat(day), is_working_day=working, name=name)
        for day, working, name in DAYS if datetime.date.fromisoformat(day) not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
