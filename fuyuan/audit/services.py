"""Writing audit entries for events that are not model saves: logins, logouts, denials, transitions."""

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

# Event names stored in LogEntry.additional_data["event"]; labels live in fuyuan.audit.selectors.
EVENTS = (
    "login",
    "logout",
    "login_failed",
    "session_timeout",
    "permission_denied",
    "password_changed",
    "transition",
    "otp_enrolled",
    "otp_verified",
    "otp_reset",
)


def client_ip(request):
    """The client's address, as ClientAddressMiddleware validated it (forwarded only by a trusted proxy)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_event(event, *, request=None, actor=None, target=None, username="", detail=None, changes=None):
    """Append one audit entry for an event about `target` (default: the acting account)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    target = target if target is not None else actor
    if target is None:
        content_type = ContentType.objects.get_for_model(get_user_model())
        object_pk, object_id, object_repr = "", None, username
    else:
        content_type = ContentType.objects.get_for_model(target)
        object_pk, object_id, object_repr = str(target.pk), target.pk, str(target)
    data = {"event": event}
    if username:
        data["username"] = username
    if request is not None:
        data["path"] = request.path
        data["method"] = request.method
        peer = request.META.get("FUYUAN_PEER_ADDR")
        if peer and peer != request.META.get("REMOTE_ADDR"):
            data["peer"] = peer  # the proxy that forwarded the request
    if detail:
        data["detail"] = detail
    return LogEntry.objects.create(
        content_type=content_type,
        object_pk=object_pk,
        object_id=object_id,
        object_repr=object_repr[:255] if object_repr else "",
        action=LogEntry.Action.ACCESS,
        changes=changes,
        actor=actor,
        actor_email=getattr(actor, "email", None) or None,
        remote_addr=client_ip(request),
        additional_data=data,
    )
