"""Every ledger number is unique (meetings/0003_renumber_ledger makes the existing ones so first)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tasks", "0002_plan_versions_unique_numbers")]

    operations = [
        migrations.AddConstraint(
            model_name="task",
            constraint=models.UniqueConstraint(condition=~models.Q(number=""), fields=["number"],
                                               name="task_number_unique"),
        ),
    ]
