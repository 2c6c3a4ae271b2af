from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "fuyuan.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import User

        # django-axes has no Chinese catalogue and an untranslatable app name; the admin shows both.
        apps.get_app_config("axes").verbose_name = _("Sign-in lockouts")

        # Passwords are never logged; last_login changes on every login and is covered by login events.
        auditlog.register(User, exclude_fields=["password", "last_login"])

        from django.contrib.auth.signals import user_logged_in

        from .otp import on_login

        user_logged_in.connect(on_login, dispatch_uid="fuyuan_otp_on_login")
