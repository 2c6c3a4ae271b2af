from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="CalendarDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(unique=True, verbose_name="date")),
                ("is_working_day", models.BooleanField(verbose_name="working day")),
                ("name", models.CharField(blank=True, max_length=50, verbose_name="name")),
            ],
            options={"verbose_name": "calendar day", "verbose_name_plural": "calendar days", "ordering": ["date"]},
        ),
    ]
