"""Appending to and verifying the audit chain (SHA-256; see models.AuditLink)."""

import dataclasses
import hashlib
import json

from django.db import connection, transaction

from .models import AuditLink

GENESIS = "0" * 64
_LOCK_KEY = 7_261_100  # one advisory lock: links are appended one at a time, in entry order


def entry_digest(entry, previous: str) -> str:
    """SHA-256 of the previous hash and the entry's recorded content, in a canonical JSON form."""
    content = {
        "id": entry.pk, "content_type": entry.content_type_id, "object_pk": entry.object_pk,
        "object_id": entry.object_id, "object_repr": entry.object_repr, "action": entry.action,
        "changes": entry.changes, "actor": entry.actor_id, "remote_addr": entry.remote_addr,
        "timestamp": entry.timestamp.isoformat(), "additional_data": entry.additional_data,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256((previous + text).encode()).hexdigest()


def append(entry) -> AuditLink:
    """Link a new entry to the chain's head, inside the entry's transaction."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        head = AuditLink.objects.order_by("-pk").values_list("digest", flat=True).first() or GENESIS
        # auditlog serialises `changes` to text on save; hash what a reload returns.
        entry = type(entry).objects.get(pk=entry.pk)
        return AuditLink.objects.create(entry_id=entry.pk, previous=head, digest=entry_digest(entry, head))


@dataclasses.dataclass
class Verdict:
    checked: int
    head: str
    broken_entry: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_entry is None


def verify(chunk=2000) -> Verdict:
    """Walk entries and links in order; the first entry whose link is missing, altered or out of order."""
    from auditlog.models import LogEntry

    links = AuditLink.objects.order_by("pk").values_list("entry_id", "previous", "digest").iterator(chunk)
    entries = LogEntry.objects.order_by("pk").iterator(chunk)
    previous, checked = GENESIS, 0
    entry = next(entries, None)
    for entry_id, link_previous, digest in links:
        if entry is None or entry.pk > entry_id:
            return Verdict(checked, previous, entry_id, "entry_deleted")
        if entry.pk < entry_id:
            return Verdict(checked, previous, entry.pk, "entry_inserted")
        if link_previous != previous:
            return Verdict(checked, previous, entry_id, "chain_cut")
        if entry_digest(entry, previous) != digest:
            return Verdict(checked, previous, entry_id, "entry_altered")
        previous, checked = digest, checked + 1
        entry = next(entries, None)
    if entry is not None:
        return Verdict(checked, previous, entry.pk, "entry_inserted")
    return Verdict(checked, previous)
