"""The meeting types the plans require, with their cadence (the office can add more)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from meetings.reference import ensure_types

    ensure_types(apps.get_model("meetings", "MeetingType"))


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
