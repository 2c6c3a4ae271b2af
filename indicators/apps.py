from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Indicator)
        auditlog.register(models.PopulationFigure)
