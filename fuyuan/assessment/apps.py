from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "fuyuan.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.ScoringRule)
        auditlog.register(models.Adjustment)
        auditlog.register(models.PublishedResult, exclude_fields=["data"])
