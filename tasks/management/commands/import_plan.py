"""Import a plan (实施方案) from a .txt or .docx file: preview it as JSON, or write the plan and its tasks."""

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from tasks import plan_import, plan_reader
from tasks.services import TransitionRefused


class Command(BaseCommand):
    help = "Parse a plan; with --dry-run print what would be imported, otherwise create the plan and its tasks."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the plan as .txt (UTF-8 or GB18030) or .docx")
        parser.add_argument("--dry-run", action="store_true", help="write nothing")
        parser.add_argument("--json", action="store_true", help="print the parsed plan as JSON")
        parser.add_argument("--create-units", action="store_true",
                            help="create units for names that match no member unit (otherwise they are errors)")
        parser.add_argument("--assign", action="store_true", help="assign (交办) the tasks at once")
        parser.add_argument("--new-version", action="store_true",
                            help="import a plan whose 文号 or text is already in the ledger as its new version")

    def handle(self, *args, path, dry_run, json: bool, create_units, assign, new_version=False, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No such file: {path}")
        upload = SimpleUploadedFile(source.name, source.read_bytes())
        try:
            text = plan_import.read_plan_source(upload=upload)
            parsed = plan_import.parse(text)
        except plan_import.PlanInputError as error:
            raise CommandError(str(error)) from error
        if json:
            self.stdout.write(_dumps(plan_reader.to_dict(parsed)))
        else:
            self._summary(parsed)
        if dry_run:
            return
        try:
            plan = plan_import.import_plan(parsed=parsed, source_text=text, by=None, check_role=False,
                                           create_units=create_units, assign_now=assign, as_new_version=new_version)
        except TransitionRefused as error:
            raise CommandError(error.message) from error
        self.stderr.write(f"Imported plan #{plan.pk} “{plan.title}”: {plan.tasks.count()} tasks.")

    def _summary(self, parsed):
        _resolved, unmatched = plan_import.resolve(parsed)
        self.stdout.write(f"{parsed.title} {parsed.doc_number}".strip())
        self.stdout.write(f"{len(parsed.categories)} categories, {len(parsed.tasks)} tasks")
        for task in parsed.tasks:
            self.stdout.write(f"  {task.number:>6} {task.title[:40]}  牵头: {'、'.join(task.lead_units)}  "
                              f"责任: {'、'.join(task.responsible_units)}  {task.deadline_text}")
        if unmatched:
            self.stdout.write("Unmatched units: " + "、".join(unmatched))


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
