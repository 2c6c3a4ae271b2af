"""Link the entries written before the chain existed; on PostgreSQL extend the append-only guard.

The guard now covers the chain, the task timeline, the admin's log and axes' access log: UPDATE and
DELETE refused on the chain and the admin's log (the demo loader back-dates timeline entries as the owner
and axes records sign-out times, so on those two the application role's grants are the guard), and
TRUNCATE refused on all of them and on the audit table itself — unless the session is a superuser's (test
databases are emptied with TRUNCATE). Unapplying this migration is refused, so
`migrate audit zero` cannot drop the guard.
"""

from django.db import migrations

APPEND_ONLY = ["audit_auditlink", "django_admin_log"]
NO_TRUNCATE = ["auditlog_logentry", "audit_auditlink", "tasks_taskevent", "django_admin_log", "axes_accesslog"]

FUNCTION = """
CREATE OR REPLACE FUNCTION fuyuan_audit_no_truncate() RETURNS trigger AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING MESSAGE = 'audit entries are append-only (TRUNCATE refused on ' || TG_TABLE_NAME || ')';
END;
$$ LANGUAGE plpgsql;
"""


def link_existing(apps, schema_editor):
    from fuyuan.audit.chain import GENESIS, entry_digest

    db = schema_editor.connection.alias
    LogEntry = apps.get_model("auditlog", "LogEntry")
    AuditLink = apps.get_model("audit", "AuditLink")
    previous = AuditLink.objects.using(db).order_by("-pk").values_list("digest", flat=True).first() or GENESIS
    linked = set(AuditLink.objects.using(db).values_list("entry_id", flat=True))
    for entry in LogEntry.objects.using(db).order_by("pk").iterator(2000):
        if entry.pk not in linked:
            digest = entry_digest(entry, previous)
            AuditLink.objects.using(db).create(entry_id=entry.pk, previous=previous, digest=digest)
            previous = digest


def guard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in APPEND_ONLY:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS fuyuan_audit_append_only ON {table}")
        schema_editor.execute(f"CREATE TRIGGER fuyuan_audit_append_only BEFORE UPDATE OR DELETE ON {table} "
                              "FOR EACH ROW EXECUTE FUNCTION fuyuan_audit_append_only()")
    for table in NO_TRUNCATE:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS fuyuan_audit_no_truncate ON {table}")
        schema_editor.execute(f"CREATE TRIGGER fuyuan_audit_no_truncate BEFORE TRUNCATE ON {table} "
                              "FOR EACH STATEMENT EXECUTE FUNCTION fuyuan_audit_no_truncate()")


def refuse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        raise RuntimeError("The audit guard cannot be removed by a migration.")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_audit_chain"),
        ("auditlog", "0017_add_actor_email"),
        ("tasks", "0001_initial"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("axes", "0010_accessattemptexpiration"),
    ]
    operations = [migrations.RunPython(link_existing, migrations.RunPython.noop),
                  migrations.RunPython(guard, refuse)]
