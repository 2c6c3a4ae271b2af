"""Record logins, logouts and failed logins in the audit trail."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .services import record_event


@receiver(user_logged_in, dispatch_uid="audit_login")
def on_login(sender, request, user, **kwargs):
    record_event("login", request=request, actor=user, target=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event("logout", request=request, actor=user, target=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    record_event("login_failed", request=request, username=str(credentials.get("username", ""))[:150])


def _link(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .chain import append

        append(instance)


def connect_chain():
    """Every new audit entry gets its link in the chain (called from AuditConfig.ready)."""
    from auditlog.models import LogEntry
    from django.db.models.signals import post_save

    post_save.connect(_link, sender=LogEntry, dispatch_uid="audit_chain")


def _grant_after_migrate(sender, using="default", **kwargs):
    from django.conf import settings
    from django.db import connections

    from .roles import grant_app_role

    role = getattr(settings, "DATABASE_APP_ROLE", "")
    if role and connections[using].vendor == "postgresql" and using == "owner":
        grant_app_role(role, using=using)


def connect_grants(app_config):
    """After `migrate` as the owner, re-grant the application role its rights on every table (new ones too)."""
    from django.db.models.signals import post_migrate

    post_migrate.connect(_grant_after_migrate, sender=app_config, dispatch_uid="audit_grant_app_role")
