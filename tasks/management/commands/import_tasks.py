"""Import supervised items from an Excel workbook: every row checked, all written or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tasks import excel_import


class Command(BaseCommand):
    help = ("Import tasks from .xlsx (序号, 类别, 督办事项, 牵头单位, 责任单位, 完成时限); "
            "nothing is written on any error.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--assign", action="store_true", help="assign (交办) the tasks at once")

    def handle(self, *args, file, assign, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            rows, errors = excel_import.validate(excel_import.read_rows(path.read_bytes()))
        except excel_import.WorkbookRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(errors)} problems; nothing was imported.")
        plan = excel_import.import_tasks(rows=rows, by=None, name=path.name, assign_now=assign, check_role=False)
        self.stdout.write(f"Imported {len(rows)} tasks as plan #{plan.pk} “{plan.title}”.")
