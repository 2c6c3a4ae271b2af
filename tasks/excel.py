"""The ledger workbook (督办台账): openpyxl write-only, formula-safe, dates as real dates."""

from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import PatternFill

from fuyuan.lib.excel import _cell, new_workbook

from . import deadlines
from .selectors import lead_units, responsible_units

WIDTHS = [8, 18, 48, 22, 30, 16, 10, 10, 48, 12, 12]
# Excel-friendly fills for the lights: red, yellow, green, grey.
_FILLS = {
    "danger": PatternFill("solid", fgColor="F4C7C3"),
    "warning": PatternFill("solid", fgColor="FCE8B2"),
    "success": PatternFill("solid", fgColor="B7E1CD"),
    "secondary": PatternFill("solid", fgColor="E0E0E0"),
}


def headers():
    return [_("No."), _("Category"), _("Item"), _("Lead units"), _("Responsible units"), _("Deadline"),
            _("Status"), _("Light"), _("Latest progress"), _("Closed on"), _("Origin")]


def write_ledger(tasks, stream, today):
    """Write the tasks (from selectors.ledger_tasks) as one sheet 督办台账 to a path or binary stream."""
    workbook = new_workbook()
    sheet = workbook.create_sheet(title=_("Supervision ledger"))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.append([_cell(sheet, header, header=True) for header in headers()])
    for task in tasks.iterator(chunk_size=500) if hasattr(tasks, "iterator") else tasks:
        sheet.append(_row(sheet, task))
    workbook.save(stream)


def _row(sheet, task):
    light = getattr(task, "light", None) or task.light_today()
    light_cell = WriteOnlyCell(sheet, value=str(deadlines.light_label(light)))
    light_cell.fill = _FILLS[deadlines.light_colour(light)]
    values = [
        task.number,
        task.category.title if task.category_id else "",
        task.title,
        "、".join(unit.name for unit in lead_units(task)),
        "、".join(unit.name for unit in responsible_units(task)),
        task.deadline_display,
        str(task.get_status_display()),
    ]
    cells = [_cell(sheet, value) for value in values]
    cells.append(light_cell)
    cells.extend(_cell(sheet, value, date_format="yyyy\"年\"m\"月\"d\"日\"") for value in (
        getattr(task, "latest_progress", "") or "", task.closed_on, str(task.get_origin_display())))
    return cells
