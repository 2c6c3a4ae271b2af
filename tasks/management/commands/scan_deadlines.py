"""Daily cron job: automatic reminders for items due soon, overdue, or missing a periodic report."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from fuyuan.lib.locks import advisory_lock
from tasks.escalation import escalate_reminders
from tasks.scanning import scan_deadlines


class Command(BaseCommand):
    help = ("Send automatic reminders (临期, 逾期, 缺报) and escalate unread or still-overdue ones to the units' "
            "leaders. Safe to run several times a day: nothing is sent twice.")

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
        # Several app servers may run the same cron line: one scan at a time, the next finds nothing to resend.
        with advisory_lock("scan_deadlines"):
            result = scan_deadlines(day)
        self.stdout.write(
            f"{day.isoformat()}: sent {result.total} reminders "
            f"(due soon {result.due_soon}, overdue {result.overdue}, missing report {result.missing_report}, "
            f"other {result.other})"
        )
        escalations = escalate_reminders(day)
        self.stdout.write(f"{day.isoformat()}: escalated {len(escalations)} reminders to units' leaders")
        # Background exports' files are kept KEEP_DAYS; the daily run removes older ones.
        from fuyuan.jobs.services import expire_exports

        self.stdout.write(f"{day.isoformat()}: expired {expire_exports()} background exports")
