from django.db import migrations


def create(apps, schema_editor):
    from indicators.reference import ensure_indicators

    ensure_indicators(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
