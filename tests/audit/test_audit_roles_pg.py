"""On PostgreSQL the application's role may only add to and read the audit trail and the timeline; the owner
cannot TRUNCATE them; `migrate audit zero` cannot drop the guard (the probe did all three)."""

import uuid

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from fuyuan.audit.roles import APPEND_ONLY_TABLES, grant_app_role

pytestmark = [pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's"),
              pytest.mark.django_db(transaction=True)]


@pytest.fixture
def role():
    name = f"fuyuan_app_{uuid.uuid4().hex[:8]}"
    grant_app_role(name, password=uuid.uuid4().hex)
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{name}"')
        cursor.execute(f'DROP ROLE "{name}"')


def as_role(role, sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{role}"')
        cursor.execute(sql, params)


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_the_application_role_cannot_rewrite_or_wipe_audit_tables(world, role, table):
    world.client("gaj").get(reverse("units:create"))
    for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}", f"TRUNCATE {table}",
                      f"ALTER TABLE {table} DISABLE TRIGGER ALL"):
        with pytest.raises(DatabaseError, match="permission denied|must be owner"):
            as_role(role, statement)
    as_role(role, f"SELECT count(*) FROM {table}")


def test_the_application_role_writes_audit_entries_and_business_data(world, role):
    entry = LogEntry.objects.latest("pk")
    as_role(role, "INSERT INTO auditlog_logentry (content_type_id, object_pk, object_repr, action, "
                  "timestamp, additional_data, changes_text) SELECT content_type_id, object_pk, object_repr, "
                  "action, now(), additional_data, '' FROM auditlog_logentry WHERE id = %s", [entry.pk])
    as_role(role, "UPDATE units_memberunit SET short_name = short_name")


def test_an_owner_without_superuser_rights_cannot_truncate(world):
    name = f"fuyuan_owner_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{name}" NOSUPERUSER')
        cursor.execute(f'GRANT TRUNCATE ON auditlog_logentry, tasks_taskevent TO "{name}"')
    try:
        for table in ("auditlog_logentry", "tasks_taskevent"):
            with pytest.raises(DatabaseError, match="TRUNCATE refused"):
                as_role(name, f"TRUNCATE {table}")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{name}"')
            cursor.execute(f'DROP ROLE "{name}"')


def test_migrating_the_guard_away_is_refused(world):
    with pytest.raises(Exception, match="cannot be removed"):
        call_command("migrate", "audit", "0002", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'fuyuan_audit_no_truncate'")
        assert cursor.fetchone()[0] == 5
