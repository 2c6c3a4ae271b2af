from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "fuyuan.messaging"
    label = "messaging"
    verbose_name = _("Messaging")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        # Contacts hold mobile numbers: every change is on the audit trail, the numbers themselves masked.
        auditlog.register(models.UnitContacts, mask_fields=["sms_mobile", "leader_in_charge_mobile", "head_mobile",
                                                             "robot_url", "robot_secret"])
        auditlog.register(models.AccountMobile, mask_fields=["mobile"])
        self._hide_task_results_from_admin()

    @staticmethod
    def _hide_task_results_from_admin():
        """django-tasks-db registers its results in the admin; the system administrator manages accounts only."""
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
