"""The meeting types the plans require, with their cadence (the office can add more)."""

from django.db import migrations

TYPES = [
    ("全体联席会议", "half_yearly", 1, "实施方案：联席会议原则上每半年召开一次全体会议", 10),
    ("行政复议与行政审判联席会议", "yearly", 1, "每年至少召开一次", 20),
    ("府检专题联席会议", "as_needed", 1, "根据工作需要召开", 30),
    ("诉源治理联席会议", "quarterly", 1, "每季度召开一次", 40),
    ("专项工作组协调会议", "as_needed", 1, "由专项工作组召集人根据需要召开", 50),
]


def forwards(apps, schema_editor):
    MeetingType = apps.get_model("meetings", "MeetingType")
    for name, cadence, per_period, basis, order in TYPES:
        MeetingType.objects.get_or_create(name=name, defaults={"cadence": cadence, "per_period": per_period,
                                                               "basis": basis, "order": order})


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
