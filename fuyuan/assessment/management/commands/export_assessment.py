"""Write a year's assessment workbook (汇总, 扣分明细, 督办台账)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fuyuan.assessment import workbook


class Command(BaseCommand):
    help = "Export the 考核 workbook for a year: summary, every deduction and bonus, and the ledger."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", required=True)

    def handle(self, *args, year, output, **options):
        if not Path(output).resolve().parent.is_dir():
            raise CommandError(f"No such folder for {output}")
        workbook.write(year, output)
        self.stdout.write(f"Assessment {year} written to {output}")
