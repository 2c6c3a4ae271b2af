"""Give the web application's PostgreSQL role its rights; run as the owner after every `migrate`."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from fuyuan.audit.roles import grant_app_role


class Command(BaseCommand):
    help = "Create (with --password) and grant the application role: SELECT/INSERT only on audit tables."

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role DATABASE_URL signs in as, e.g. fuyuan_app")
        parser.add_argument("--password", help="create the role with this password if it does not exist")
        parser.add_argument("--database", default=None, help="connection to use (default: owner, else default)")

    def handle(self, *args, role, password, database, **options):
        using = database or ("owner" if "owner" in connections.settings else "default")
        if connections[using].vendor != "postgresql":
            raise CommandError("Database roles are a PostgreSQL setup; nothing to do on SQLite.")
        statements = grant_app_role(role, using=using, password=password)
        self.stdout.write(f"{len(statements)} statements applied for role {role} on {using}")
