"""Tasks from an Excel workbook: the ledger export's own columns, or the plain ones offices keep.

Every row is validated before anything is written; any error lists every problem by row and column
and writes nothing. A valid workbook becomes one Plan (named after the file) with its categories and
tasks, in one transaction.
"""

import dataclasses

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role
from fuyuan.lib.excel_read import MAX_BYTES, MAX_ROWS, WorkbookRefused, read_table  # noqa: F401 (re-exported)
from fuyuan.lib.params import int_param

from . import deadlines, plan_import, plan_reader
from .bulk_create import NewTask, create_tasks
from .models import Category, DeadlineKind, Origin, Plan
from .numbering import plan_numbers
from .services import TransitionRefused

# Header cell text (spaces removed) → field. The first group are the export's own columns.
HEADERS = {
    "序号": "number", "编号": "number",
    "类别": "category", "类型": "category", "分类": "category",
    "督办事项": "title", "任务": "title", "事项": "title", "工作任务": "title", "任务内容": "title",
    "工作事项": "title",
    "牵头单位": "lead", "牵头部门": "lead",
    "责任单位": "responsible", "责任部门": "responsible", "配合单位": "responsible",
    "完成时限": "deadline", "时间节点": "deadline", "完成时间": "deadline",
    "时限说明": "deadline_note",
}
# Columns of the export that describe the task's state: read past, never imported.
IGNORED = {"办理状态", "红黄绿灯", "最新进展", "办结日期", "来源"}
COLUMN_LABELS = {"number": "序号", "category": "类别", "title": "督办事项", "lead": "牵头单位",
                 "responsible": "责任单位", "deadline": "完成时限"}


@dataclasses.dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return _("Row %(row)s, %(column)s: %(message)s") % {"row": self.row, "column": self.column,
                                                            "message": self.message}


@dataclasses.dataclass
class TaskRow:
    row: int
    number: str
    category: str
    title: str
    lead: list
    responsible: list
    lead_text: str
    responsible_text: str
    deadline_text: str
    kind: str
    due_date: object
    cycle: str


def read_rows(data: bytes) -> list[dict]:
    """The data rows as {field: text}, after the whole-workbook checks."""
    return read_table(data, HEADERS, {"title": COLUMN_LABELS["title"], "lead": COLUMN_LABELS["lead"]},
                      ignored=IGNORED, max_rows=MAX_ROWS)


def validate(rows: list[dict]) -> tuple[list[TaskRow], list[RowError]]:
    """Check every row; return the parsed rows and every error (the import proceeds only without errors)."""
    groups = plan_import._groups()
    # A county has a few dozen units named over and over: one lookup per distinct printed name, not per cell.
    matches = {}
    parsed, errors = [], []
    for row in rows:
        number = row["row"]
        title = row.get("title", "")
        if not title:
            errors.append(RowError(number, COLUMN_LABELS["title"], _("empty")))
        if len(title) > 300:
            errors.append(RowError(number, COLUMN_LABELS["title"], _("longer than 300 characters")))
        units = {}
        for field in ("lead", "responsible"):
            units[field] = []
            for name in plan_reader.split_units(row.get(field, "")):
                if name not in matches:
                    matches[name] = plan_import.match_unit_name(name, groups)
                matched = matches[name]
                if matched is None:
                    message = _("no member unit “%(name)s”") % {"name": name}
                    errors.append(RowError(number, COLUMN_LABELS[field], message))
                else:
                    units[field].extend(unit for unit in matched if unit not in units[field])
        if not row.get("lead"):
            errors.append(RowError(number, COLUMN_LABELS["lead"], _("empty")))
        deadline_text = row.get("deadline", "") or row.get("deadline_note", "")
        kind, due_date, cycle = plan_reader.parse_deadline(deadline_text) if deadline_text else (
            plan_reader.DEADLINE_NONE, None, "")
        if deadline_text and kind == plan_reader.DEADLINE_NONE and deadline_text not in (
                str(DeadlineKind.NONE.label), "无"):
            errors.append(RowError(number, COLUMN_LABELS["deadline"],
                                   _("“%(text)s” is not a date, 长期坚持 or a cycle") % {"text": deadline_text}))
        parsed.append(TaskRow(number, row.get("number", "")[:60], row.get("category", "")[:200], title[:300],
                              units["lead"], units["responsible"], row.get("lead", "")[:500],
                              row.get("responsible", "")[:500], deadline_text[:100],
                              plan_import._KINDS.get(kind, DeadlineKind.NONE), due_date, cycle))
    return parsed, errors


@transaction.atomic
def import_tasks(*, rows: list[TaskRow], by, name: str, assign_now=False, check_role=True, request=None) -> Plan:
    """Write every validated row as a task of one new plan named after the workbook: all or nothing."""
    if check_role and not has_role(by, Role.OFFICE):
        raise TransitionRefused(_("Only the joint-meeting office can do this."))
    plan = Plan.objects.create(title=(_("Imported ledger: %(name)s") % {"name": name})[:200])
    categories = {}
    for row in rows:
        if row.category and row.category not in categories:
            categories[row.category] = Category.objects.create(plan=plan, title=row.category, order=len(categories))
    numbers = plan_numbers(plan, [row.number for row in rows])
    new_tasks = [NewTask(
        origin=Origin.PLAN, plan=plan, category=categories.get(row.category), number=numbers[index],
        sort_key=_sort_key(row.number, index), title=row.title, lead_units=row.lead, responsible_units=row.responsible,
        lead_text=row.lead_text, responsible_text=row.responsible_text, deadline_kind=row.kind, due_date=row.due_date,
        deadline_text=row.deadline_text, cycle=row.cycle if row.cycle in deadlines.CYCLES else "",
    ) for index, row in enumerate(rows)]
    create_tasks(new_tasks, by=by if check_role else None, request=request,
                 assign_on=timezone.localdate() if assign_now else None)
    return plan


def _sort_key(number: str, index: int) -> str:
    """Numbers sort as numbers (2 before 10); anything else keeps the sheet's order."""
    value = int_param(number, low=0, high=999_999)
    return f"{value:06d}" if value is not None else f"{index + 1:06d}"
