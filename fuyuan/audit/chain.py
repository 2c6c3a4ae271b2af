"""Appending to and verifying the audit chain (SHA-256; see models.AuditLink)."""

import dataclasses
import functools
import hashlib
import json

from django.db import connection, transaction

from fuyuan.lib.sql import compiled_once, fetch, instances, statement

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
    """Link a new entry to the chain's head, inside the entry's transaction.

    Every transition writes one or two entries: the head and the entry are read by a plain statement and by a
    query compiled once per process, not compiled through the ORM each time.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        # AuditLink.objects.order_by("-pk").values_list("digest", flat=True).first()
        rows = fetch(statement("SELECT {a.digest} FROM {a} ORDER BY {a.id} DESC LIMIT 1", a=AuditLink), [])
        head = rows[0][0] if rows else GENESIS
        # auditlog serialises `changes` to text on save; hash what a reload returns.
        entry = _reloaded(entry)
        return AuditLink.objects.create(entry_id=entry.pk, previous=head, digest=entry_digest(entry, head))


def _reloaded(entry):
    """type(entry).objects.get(pk=entry.pk): the entry as the database holds it, each value converted as the ORM
    converts it (its JSON fields decoded)."""
    model = type(entry)
    [(reloaded,)] = instances(*_entry_query(model)(entry.pk), model)
    return reloaded


@functools.cache
def _entry_query(model):
    return compiled_once(lambda pk: model.objects.filter(pk=pk).values_list(
        *[field.attname for field in model._meta.concrete_fields]))


def append_many(entries, *, reload=True) -> None:
    """Link entries written in one bulk insert, in id order, with one lock, one read and one insert.

    `reload=False` hashes the entries as given: right after a bulk insert (which, unlike a save, stores every
    field as it is in memory) they equal what a reload returns, and reading tens of thousands back costs more
    than writing them.
    """
    if not entries:
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        head = AuditLink.objects.order_by("-pk").values_list("digest", flat=True).first() or GENESIS
        model = type(entries[0])
        links = []
        rows = (sorted(entries, key=lambda e: e.pk) if not reload
                else model.objects.filter(pk__in=[e.pk for e in entries]).order_by("pk"))
        for entry in rows:
            digest = entry_digest(entry, head)
            links.append(AuditLink(entry_id=entry.pk, previous=head, digest=digest))
            head = digest
        AuditLink.objects.bulk_create(links, batch_size=1000)


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
    """Walk the links in the order they were written (entries of concurrent transactions may be linked out of id
    order); the first entry whose link is missing, altered, cut or whose entry is gone."""
    from auditlog.models import LogEntry

    previous, checked, broken = GENESIS, 0, None
    last_pk = 0
    while broken is None:
        links = list(AuditLink.objects.filter(pk__gt=last_pk).order_by("pk")
                     .values_list("pk", "entry_id", "previous", "digest")[:chunk])
        if not links:
            break
        entries = LogEntry.objects.in_bulk([entry_id for _pk, entry_id, _p, _d in links])
        for link_pk, entry_id, link_previous, digest in links:
            last_pk = link_pk
            entry = entries.get(entry_id)
            if entry is None:
                broken = (entry_id, "entry_deleted")
            elif link_previous != previous:
                broken = (entry_id, "chain_cut")
            elif entry_digest(entry, previous) != digest:
                broken = (entry_id, "entry_altered")
            if broken:
                break
            previous, checked = digest, checked + 1
    unlinked = (LogEntry.objects.exclude(pk__in=AuditLink.objects.values("entry_id"))
                .order_by("pk").values_list("pk", flat=True).first())
    if unlinked is not None and (broken is None or unlinked < broken[0]):
        broken = (unlinked, "entry_inserted")
    return Verdict(checked, previous, *broken) if broken else Verdict(checked, previous)
