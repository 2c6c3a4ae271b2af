"""Deliver the outbox from cron or a test, whatever the task backend: `send_outbox --until-empty`."""

from django.core.management.base import BaseCommand

from fuyuan.messaging.worker import deliver_due


class Command(BaseCommand):
    help = "Deliver the messages that are due (e-mail, group robots, SMS); --until-empty repeats until none is due."

    def add_arguments(self, parser):
        parser.add_argument("--until-empty", action="store_true", help="repeat until no delivery is due, then exit")

    def handle(self, *args, until_empty=False, **options):
        total = {}
        while True:
            counts = deliver_due()
            for status, n in counts.items():
                total[status] = total.get(status, 0) + n
            if not until_empty or not counts:
                break
        summary = ", ".join(f"{status} {n}" for status, n in sorted(total.items())) or "nothing due"
        self.stdout.write(f"outbox: {summary}")
