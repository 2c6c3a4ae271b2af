from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Joint meetings")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.MeetingType)
        auditlog.register(models.WorkingGroup, m2m_fields={"units"})
        auditlog.register(models.Meeting, exclude_fields=["minutes"])
        auditlog.register(models.Invitation)
        auditlog.register(models.Decision)
