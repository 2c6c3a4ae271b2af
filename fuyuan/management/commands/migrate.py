"""`migrate` runs as the database owner when DATABASE_MIGRATE_URL is set (the application's role owns nothing)."""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS, connections


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if options["database"] == DEFAULT_DB_ALIAS and "owner" in connections.settings:
            options["database"] = "owner"
        return super().handle(*args, **options)
