"""The reply periods the law sets, as data the office can read (and amend when the law changes)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from suggestions.reference import ensure_rules

    ensure_rules(apps.get_model("suggestions", "ReplyRule"))


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
