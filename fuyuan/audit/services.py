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
    "personal_data",
    "otp_enrolled",
    "otp_verified",
    "otp_reset",
    "export_requested",
    "export_downloaded",
)


def client_ip(request):
    """The client's address, as ClientAddressMiddleware validated it (forwarded only by a trusted proxy)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_event(event, *, request=None, actor=None, target=None, username="", detail=None, changes=None):
    """Append one audit entry for an event about `target` (default: the acting account)."""
    entry = build_event(event, request=request, actor=actor, target=target, username=username, detail=detail,
                        changes=changes)
    entry.save()
    return entry


def record_events(entries) -> None:
    """Append many audit entries built by build_event in one insert (the daily scan's reminders), each linked
    into the hash chain as a single save would be (bulk_create sends no post_save)."""
    from .chain import append_many

    created = LogEntry.objects.bulk_create(entries, batch_size=1000)
    append_many(created, reload=False)


def build_event(event, *, request=None, actor=None, target=None, username="", detail=None, changes=None):
    """The unsaved audit entry for an event about `target` (default: the acting account)."""
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
    return LogEntry(
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
