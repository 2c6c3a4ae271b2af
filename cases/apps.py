from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Administrative cases")

    def ready(self):
        from auditlog.registry import auditlog

        from tasks.scanning import deadline_scan

        from . import models, reminders

        auditlog.register(models.Case)
        auditlog.register(models.Hearing)
        deadline_scan.connect(reminders.on_deadline_scan, dispatch_uid="cases.hearing_reminders")
