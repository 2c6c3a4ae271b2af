"""Write the whole supervision ledger to an Excel workbook, as the office sees it (e.g. for the 考核)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tasks.excel import write_ledger
from tasks.selectors import all_ledger_tasks


class Command(BaseCommand):
    help = "Export every supervised item to an .xlsx workbook (督办台账)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="the .xlsx file to write")
        parser.add_argument("--today", help="lights as of this date (YYYY-MM-DD); default: today in Asia/Shanghai")

    def handle(self, *args, output, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today must be YYYY-MM-DD: {today}") from error
        tasks = all_ledger_tasks(day).order_by("sort_key", "pk")
        write_ledger(tasks, output, day)
        self.stdout.write(f"{tasks.count()} items written to {output}")
