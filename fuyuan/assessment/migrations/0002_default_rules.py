from django.db import migrations


def forwards(apps, schema_editor):
    from fuyuan.assessment.reference import ensure_rules

    ensure_rules(apps.get_model("assessment", "ScoringRule"))


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
