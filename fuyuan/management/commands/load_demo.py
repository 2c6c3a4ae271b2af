"""Load (or refresh) the Wushen demo: units, roster, accounts, the plan's ledger, meetings, suggestions. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cases.demo import load_cases
from fuyuan.accounts.demo import ACCOUNTS, DEMO_PASSWORD, load_accounts
from fuyuan.accounts.roles import Role
from fuyuan.units.demo import load_units
from meetings.demo import load_meetings
from suggestions.demo import load_suggestions
from tasks.demo import LIAISONS, load_tasks


class Command(BaseCommand):
    help = "Load the Wushen Banner demo data (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        today = timezone.localdate()
        units = load_units()
        accounts = load_accounts(units)
        plan = load_tasks(units, accounts, today)
        meetings = load_meetings(units, accounts, today)
        suggestions = load_suggestions(units, accounts, today)
        cases = load_cases(units, accounts, today)
        self.stdout.write(self.style.SUCCESS(
            f"Demo loaded: {len(units)} member units; plan “{plan.title}” with {plan.tasks.count()} items "
            f"in {plan.categories.count()} categories; {meetings} meetings; {suggestions} suggestions; "
            f"{cases} administrative cases."))
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}):")
        rows = [(username, role, unit_name) for username, _full_name, role, unit_name in ACCOUNTS]
        rows += [(username, Role.LIAISON, unit_name) for username, _full_name, unit_name in LIAISONS]
        for username, role, unit_name in rows:
            self.stdout.write(f"  {username:<14} {role.label}  {unit_name or ''}")
