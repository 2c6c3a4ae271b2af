"""The ledger workbook (督办台账): openpyxl write-only, formula-safe, dates as real dates."""

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import PatternFill

from fuyuan.lib.excel import _cell, append_row, finish_sheet, new_workbook, start_sheet

from . import deadlines
from .selectors import lead_units, responsible_units

CHUNK_SIZE = 2000
CN_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
# Sized for A4 landscape at one page wide: about 180 characters in all, text wrapped.
WIDTHS = [6, 14, 36, 14, 18, 15, 14, 8, 8, 30, 15, 8]
# Excel-friendly fills for the lights, keyed by deadlines.light_colour(): red, yellow, green, grey.
FILLS = {
    "danger": PatternFill("solid", fgColor="F4C7C3"),
    "warning": PatternFill("solid", fgColor="FCE8B2"),
    "success": PatternFill("solid", fgColor="B7E1CD"),
    "secondary": PatternFill("solid", fgColor="E0E0E0"),
}


def headers():
    """The column headers, in the user's language (序号 … 来源); tasks.excel_import reads them back."""
    return [_("No."), _("Category"), _("Item"), _("Lead units"), _("Responsible units"), _("Deadline"),
            _("Deadline note"), capfirst(_("status")), _("Light"), _("Latest progress"), _("Closed on"), _("Origin")]


def write_ledger(tasks, stream, today):
    """Write the tasks (from selectors.ledger_tasks) as one sheet 督办台账 to a path or binary stream."""
    workbook = new_workbook()
    add_ledger_sheet(workbook, tasks, today)
    workbook.save(stream)


def add_ledger_sheet(workbook, tasks, today):
    """Append the 督办台账 sheet to a write-only workbook (the assessment workbook has one too)."""
    sheet = workbook.create_sheet(title=_("Supervision ledger"))
    start_sheet(sheet, title=ledger_title(today), headers=headers(), widths=WIDTHS)
    # A chunked iterator keeps memory flat and, since Django 5.0, still honours prefetch_related.
    rows = tasks.iterator(chunk_size=CHUNK_SIZE) if hasattr(tasks, "iterator") else tasks
    count = 0
    for task in rows:
        append_row(sheet, _row(sheet, task, today))
        count += 1
    return finish_sheet(sheet, count)


def ledger_title(today):
    """乌审旗府院联动工作督办台账（截至2026年11月29日）."""
    return f"{settings.REGION_NAME}府院联动工作督办台账（截至{today.year}年{today.month}月{today.day}日）"


def _row(sheet, task, today):
    """One task's cells; the light cell is filled in its colour."""
    light = getattr(task, "light", None) or task.light_today(today)
    light_cell = WriteOnlyCell(sheet, value=str(deadlines.light_label(light)))
    light_cell.fill = FILLS[deadlines.light_colour(light)]
    values = [
        task.number,
        task.category.title if task.category_id else "",
        task.title,
        "、".join(unit.name for unit in lead_units(task)),
        "、".join(unit.name for unit in responsible_units(task)),
    ]
    cells = [_cell(sheet, value) for value in values]
    # 完成时限 is a real date (sortable, filterable) when there is one; 长期坚持, 每季度… go to the note column.
    cells.append(_cell(sheet, task.due_date, date_format=CN_DATE_FORMAT))
    note = "" if task.due_date and not task.deadline_text else str(task.deadline_display)
    cells.append(_cell(sheet, note))
    cells.append(_cell(sheet, str(task.get_status_display())))
    cells.append(light_cell)
    cells.append(_cell(sheet, getattr(task, "latest_progress", None) or ""))
    cells.append(_cell(sheet, task.closed_on, date_format=CN_DATE_FORMAT))
    cells.append(_cell(sheet, str(task.get_origin_display())))
    return cells
