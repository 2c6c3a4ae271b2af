"""Daily: remove the files of background exports older than KEEP_DAYS (scan_deadlines runs it too)."""

from django.core.management.base import BaseCommand

from fuyuan.jobs.services import KEEP_DAYS, expire_exports


class Command(BaseCommand):
    help = f"Delete background export files finished more than {KEEP_DAYS} days ago."

    def handle(self, *args, **options):
        self.stdout.write(f"expired {expire_exports()} exports")
