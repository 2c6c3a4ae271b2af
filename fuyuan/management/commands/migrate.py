"""`migrate` runs as the database owner when DATABASE_MIGRATE_URL is set (the application's role owns nothing)."""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS, connections


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if options["database"] == DEFAULT_DB_ALIAS and "owner" in connections.settings:
            # The default connection itself signs in as the owner for this command. Migrating through the
            # "owner" alias instead would leave two connections to one database, and a third-party data
            # migration that ignores schema_editor.connection.alias (django-tasks-db 0016 updates through
            # the default connection) then waits for the owner's uncommitted ALTER TABLE forever.
            default = connections[DEFAULT_DB_ALIAS]
            default.close()
            default.settings_dict = {**default.settings_dict, **{
                key: connections["owner"].settings_dict[key] for key in ("USER", "PASSWORD", "HOST", "PORT", "NAME")}}
        return super().handle(*args, **options)
