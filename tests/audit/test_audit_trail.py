"""Changes, sign-ins and denials are recorded with time, actor, IP and before → after; entries are permanent."""

import pytest
from auditlog.models import LogEntry
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from fuyuan.accounts.demo import DEMO_PASSWORD


def test_unit_change_records_before_and_after(world):
    unit = world.unit("旗公安局")
    client = world.client("office")
    client.post(reverse("units:edit", args=[unit.pk]),
                {"name": "旗公安局", "short_name": "公安", "aliases": "", "kind": "government", "order": 90},
                REMOTE_ADDR="10.1.2.3")
    entry = LogEntry.objects.get_for_object(unit).filter(action=LogEntry.Action.UPDATE).latest()
    assert entry.actor == world.user("office")
    assert entry.remote_addr == "10.1.2.3"
    assert entry.changes["short_name"] == ["公安局", "公安"]


def test_sign_in_sign_out_and_failures_are_recorded(world, client):
    client.post(reverse("login"), {"username": "gaj", "password": "nope"}, REMOTE_ADDR="10.0.0.7")
    client.post(reverse("login"), {"username": "gaj", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.0.0.7")
    client.post(reverse("logout"), REMOTE_ADDR="10.0.0.7")
    events = list(LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk")
                  .values_list("additional_data__event", "remote_addr"))
    assert events == [("login_failed", "10.0.0.7"), ("login", "10.0.0.7"), ("logout", "10.0.0.7")]


def test_permission_denial_is_recorded(world):
    world.client("gaj").get(reverse("units:create"))
    entry = LogEntry.objects.get(additional_data__event="permission_denied")
    assert entry.actor == world.user("gaj")
    assert entry.additional_data["path"] == reverse("units:create")


def test_auditor_sees_and_filters_entries(world):
    world.client("gaj").get(reverse("units:create"))
    page = world.client("auditor").get(reverse("audit:log"), {"kind": "permission_denied"}).content.decode()
    assert "越权访问" in page and "gaj" in page
    assert "+08:00" in page


def test_auditor_exports_the_filtered_log(world):
    from io import BytesIO

    from openpyxl import load_workbook

    world.client("gaj").get(reverse("units:create"))
    response = world.client("auditor").get(reverse("audit:export"), {"kind": "permission_denied"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == "审计日志"  # the title row, then the header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == "时间"
    assert len(rows) == 2 and rows[1][1] == "gaj" and rows[1][4] == "越权访问"


def test_no_one_can_change_entries_through_the_admin(world):
    assert not any(model is LogEntry for model in __import__("django.contrib.admin").contrib.admin.site._registry)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the table-level guard is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_update_and_delete(world):
    world.client("gaj").get(reverse("units:create"))
    entry = LogEntry.objects.latest("pk")
    for statement in ("UPDATE auditlog_logentry SET object_repr = 'x' WHERE id = %s",
                      "DELETE FROM auditlog_logentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, [entry.pk])
    assert LogEntry.objects.filter(pk=entry.pk, object_repr=entry.object_repr).exists()
