from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Supervised items")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        # Field-level history of the records people edit; transitions add their own audit entries.
        auditlog.register(models.Plan, exclude_fields=["source_text"])
        auditlog.register(models.Task, exclude_fields=["updated_at"])
        auditlog.register(models.TaskUnit)
        auditlog.register(models.ExtensionRequest)
        auditlog.register(models.ClosureRequest)
