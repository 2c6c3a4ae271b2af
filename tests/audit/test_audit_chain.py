"""Every audit entry is chained (SHA-256) to the one before; a rewrite, deletion or insertion by someone
with the owner's rights is detected at the first broken entry by `verify_audit` and on the auditor's page."""

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from fuyuan.audit.chain import verify
from fuyuan.audit.models import AuditLink


def make_entries(world, n=4):
    for _ in range(n):
        world.client("gaj").get(reverse("units:create"))  # a permission denial, audited
    return list(LogEntry.objects.order_by("pk"))


def raw(sql, params=()):
    """As the owner with the guards switched off (superuser in tests; DISABLE TRIGGER for a real owner)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_the_chain_verifies_and_names_its_head(world, capsys):
    entries = make_entries(world)
    assert AuditLink.objects.count() == len(entries)
    call_command("verify_audit")
    assert f"{len(entries)} entries" in capsys.readouterr().out


@pytest.mark.parametrize("tamper", ["alter", "delete", "insert"])
def test_tampering_is_detected_at_the_first_broken_entry(world, tamper):
    entries = make_entries(world)
    target = entries[2]
    if tamper == "alter":
        raw("UPDATE auditlog_logentry SET remote_addr = '203.0.113.66' WHERE id = %s", [target.pk])
    elif tamper == "delete":
        raw("DELETE FROM auditlog_logentry WHERE id = %s", [target.pk])
    else:
        raw("DELETE FROM audit_auditlink WHERE entry_id = %s", [target.pk])  # as if the entry were slipped in
    verdict = verify()
    assert verdict.broken_entry == target.pk
    assert verdict.checked == 2
    with pytest.raises(CommandError, match=f"entry {target.pk}"):
        call_command("verify_audit")
    page = world.client("auditor").get(reverse("audit:log"), {"verify": "1"}).content.decode()
    assert "审计链" in page and str(target.pk) in page and "断" in page


def test_the_auditor_sees_an_intact_chain(world):
    make_entries(world, 2)
    page = world.client("auditor").get(reverse("audit:log"), {"verify": "1"}).content.decode()
    assert "审计链完整" in page


def test_bulk_writes_keep_the_chain_whole(world):
    """Plan confirmation and the daily scan write their audit entries in bulk: each one is still linked."""
    import datetime

    from tasks.bulk_create import NewTask, create_tasks
    from tasks.models import Origin
    from tasks.scanning import scan_deadlines

    today = datetime.date(2026, 3, 2)
    make_entries(world, 1)
    create_tasks([NewTask(title=f"批量事项{i}", origin=Origin.PLAN, number=f"批-{i}",
                          lead_units=[world.unit("旗公安局")], due_date=today + datetime.timedelta(days=i))
                  for i in range(6)], by=world.user("office"), assign_on=today)
    assert scan_deadlines(today).total > 0
    make_entries(world, 1)
    verdict = verify()
    assert verdict.ok, verdict
    assert AuditLink.objects.count() == LogEntry.objects.count() == verdict.checked


def test_transitions_entries_are_hashed_as_a_reload_reads_them(world):
    """An item's transitions write entries with a change diff (auditlog serialises it to text) and request data;
    each link is made from the entry read back (a query compiled once), which is what verify reads."""
    from fuyuan.audit.chain import _reloaded
    from tasks import services
    from tests.tasks.builders import make_task

    task = make_task(world, "审计链", due_in=None, responsible=["旗财政局"])
    world.client("gaj").post(reverse("tasks:report", args=[task.pk]), {
        "text": "进展", "period_key": task.assigned_on.strftime("%Y") + f"-Q{(task.assigned_on.month - 1) // 3 + 1}"})
    services.sign(task=task, by=world.user("czj"))
    assert task.reports.count() == 1
    assert verify().ok and verify().checked == LogEntry.objects.count()
    for entry in LogEntry.objects.order_by("-pk")[:6]:
        again = _reloaded(entry)
        fields = [field.attname for field in LogEntry._meta.concrete_fields]
        assert [getattr(again, name) for name in fields] == [getattr(entry, name) for name in fields]
    assert LogEntry.objects.filter(changes__isnull=False).exists()
    assert LogEntry.objects.filter(additional_data__event="transition").exists()
