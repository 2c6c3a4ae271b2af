"""Daily cron job: automatic reminders for items due soon, overdue, or missing a periodic report."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from tasks.scanning import scan_deadlines


class Command(BaseCommand):
    help = "Send automatic reminders (临期, 逾期, 缺报). Safe to run several times a day: nothing is sent twice."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="scan as of this date (YYYY-MM-DD); default: today in Asia/Shanghai")

    def handle(self, *args, today=None, **options):
        from django.utils import timezone

        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today must be YYYY-MM-DD: {today}") from error
        else:
            day = timezone.localdate()
        result = scan_deadlines(day)
        self.stdout.write(
            f"{day.isoformat()}: sent {result.total} reminders "
            f"(due soon {result.due_soon}, overdue {result.overdue}, missing report {result.missing_report}, "
            f"other {result.other})"
        )
