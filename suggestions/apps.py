from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "suggestions"
    verbose_name = _("Judicial and procuratorial suggestions")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.ReplyRule)
        auditlog.register(models.Suggestion, m2m_fields={"copy_to"})
