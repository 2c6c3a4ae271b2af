"""On PostgreSQL the audit table itself refuses UPDATE and DELETE: entries are append-only."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION fuyuan_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'audit entries are append-only (' || TG_OP || ' refused)';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS fuyuan_audit_append_only ON auditlog_logentry;
CREATE TRIGGER fuyuan_audit_append_only
    BEFORE UPDATE OR DELETE ON auditlog_logentry
    FOR EACH ROW EXECUTE FUNCTION fuyuan_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS fuyuan_audit_append_only ON auditlog_logentry;
DROP FUNCTION IF EXISTS fuyuan_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]
    operations = [migrations.RunPython(forwards, backwards)]
