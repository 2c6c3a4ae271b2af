"""Read receipts: a signed link per message, and opening the item in the app, by an account of the right unit."""

from django.core import signing
from django.utils import timezone

from fuyuan.accounts.roles import UNIT_ROLES, Role, has_role

from .models import Message

_SALT = "fuyuan.messaging.read"


def token_for(message_pk: int) -> str:
    """The signed token of a message's link (/m/<token>/); it names the message and nothing else."""
    return signing.Signer(salt=_SALT).sign(str(message_pk))


def message_for_token(token: str) -> Message | None:
    try:
        pk = int(signing.Signer(salt=_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return Message.objects.filter(pk=pk).first()


def _audience(user):
    """The messages this account reads for: its unit's, or the office's (unit empty); None for nobody."""
    if has_role(user, *UNIT_ROLES) and user.unit_id:
        return {"unit_id": user.unit_id}
    if has_role(user, Role.OFFICE):
        return {"unit__isnull": True}
    return None


def mark_read_by_link(message, user) -> bool:
    """Opening the link: read if the account belongs to the message's unit (another unit's account: not)."""
    audience = _audience(user)
    if audience is None:
        return False
    return bool(Message.objects.filter(pk=message.pk, read_at__isnull=True, **audience).update(
        read_at=timezone.now(), read_by=user, read_via="link"))


def mark_item_read(user, task_id) -> int:
    """Opening an item in the app reads every message about it to the account's unit.

    Message.objects.filter(task_id=…, read_at__isnull=True, **_audience(user)).update(…) as a plain statement: on
    every item page, compiling the ORM's UPDATE cost more than running it.
    """
    from django.db import connection

    from fuyuan.lib.sql import execute, statement

    audience = _audience(user)
    if audience is None:
        return 0
    unit_id = audience.get("unit_id")
    sql = statement("UPDATE {m} SET {m[read_at]} = %s, {m[read_by]} = %s, {m[read_via]} = %s "
                    "WHERE {m.task_id} = %s AND {m.read_at} IS NULL AND "
                    + ("{m.unit} = %s" if unit_id else "{m.unit} IS NULL"), m=Message)
    read_at = connection.ops.adapt_datetimefield_value(timezone.now())  # as the ORM writes it (SQLite: UTC text)
    return execute(sql, [read_at, user.pk, "app", task_id, *([unit_id] if unit_id else [])])
