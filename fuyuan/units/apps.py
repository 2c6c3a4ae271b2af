from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "fuyuan.units"
    label = "units"
    verbose_name = _("Member units")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.MemberUnit)
        auditlog.register(models.UnitGroup, m2m_fields={"units"})
        auditlog.register(models.RosterPosition)
