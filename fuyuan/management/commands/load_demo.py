"""Load (or refresh) the Wushen Banner demo: units, groups, roster, accounts. Safe to run twice."""

from django.core.management.base import BaseCommand
from django.db import transaction

from fuyuan.accounts.demo import ACCOUNTS, DEMO_PASSWORD, load_accounts
from fuyuan.units.demo import load_units


class Command(BaseCommand):
    help = "Load the Wushen Banner demo data (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        from django.utils import timezone

        from tasks.demo import load_tasks

        units = load_units()
        accounts = load_accounts(units)
        from meetings.demo import load_meetings

        plan = load_tasks(units, accounts, timezone.localdate())
        meetings = load_meetings(units, accounts, timezone.localdate())
        self.stdout.write(self.style.SUCCESS(
            f"Demo loaded: {len(units)} member units; plan “{plan.title}” with {plan.tasks.count()} items; "
            f"{meetings} meetings."))
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}):")
        for username, _full_name, role, unit_name in ACCOUNTS:
            self.stdout.write(f"  {username:<14} {role.label}  {unit_name or ''}")
