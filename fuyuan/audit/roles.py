"""PostgreSQL privileges of the web application's role: it owns nothing, and may only add to and read the
audit trail, the chain, the task timeline and the access logs (README, Security: two database roles)."""

from django.db import connections

APPEND_ONLY_TABLES = ["auditlog_logentry", "audit_auditlink", "tasks_taskevent", "django_admin_log", "axes_accesslog"]


def grant_statements(role: str, tables: list[str]) -> list[str]:
    """The GRANT/REVOKE statements that give `role` exactly the application's rights on `tables`."""
    quoted = f'"{role}"'
    statements = [f"GRANT USAGE ON SCHEMA public TO {quoted}",
                  f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}"]
    for table in tables:
        if table in APPEND_ONLY_TABLES:
            statements.append(f"REVOKE ALL ON {table} FROM {quoted}")
            statements.append(f"GRANT SELECT, INSERT ON {table} TO {quoted}")
        else:
            statements.append(f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON {table} FROM {quoted}")
            statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {quoted}")
    if "axes_accesslog" in tables:
        statements.append(f"GRANT UPDATE (logout_time) ON axes_accesslog TO {quoted}")  # axes records sign-outs
    return statements


def grant_app_role(role: str, *, using="default", password=None) -> list[str]:
    """Create `role` if asked (LOGIN, no other attribute) and grant it the application's rights; run as the owner."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if password is not None:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %s',
                               [password])
        tables = connection.introspection.table_names(cursor)
        statements = grant_statements(role, tables)
        for statement in statements:
            cursor.execute(statement)
    return statements
