from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "fuyuan.workdays"
    label = "workdays"
    verbose_name = _("Working-day calendar")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.CalendarDay)
