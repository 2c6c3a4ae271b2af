"""Write the whole supervision ledger to an Excel workbook, as the office sees it (e.g. for the 考核)."""

import datetime
from pathlib import Path

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
        day = _parse_day(today)
        if not Path(output).parent.is_dir():
            raise CommandError(f"No such folder: {Path(output).parent}")
        tasks = all_ledger_tasks(day).order_by("sort_key", "pk")
        write_ledger(tasks, output, day)
        self.stdout.write(f"{tasks.count()} items written to {output}")


def _parse_day(text):
    """The --today option as a date; today in the project's time zone when absent."""
    if not text:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--today must be YYYY-MM-DD: {text}") from error
