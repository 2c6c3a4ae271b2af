"""The ledger workbook (督办台账): openpyxl write-only, formula-safe, dates as real dates."""

import itertools

from django.conf import settings
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import PatternFill

from fuyuan.lib.excel import FastRows, Styled, _cell, append_row, finish_sheet, new_workbook, start_sheet

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


def write_ledger(tasks, stream, today, progress=None):
    """Write the tasks (from selectors.ledger_tasks) as one sheet 督办台账 to a path or binary stream.

    `progress(rows written)` is called every PROGRESS_EVERY rows (a background export shows it).
    """
    workbook = new_workbook()
    add_ledger_sheet(workbook, tasks, today, progress=progress)
    workbook.save(stream)


PROGRESS_EVERY = 500


def add_ledger_sheet(workbook, tasks, today, progress=None):
    """Append the 督办台账 sheet to a write-only workbook (the assessment workbook has one too)."""
    sheet = workbook.create_sheet(title=_("Supervision ledger"))
    # A ledger queryset is written from plain values, straight to the sheet's XML; a list through the models.
    fast = isinstance(tasks, QuerySet) and "light" in tasks.query.annotations
    if fast:
        writer = FastRows(sheet, date_format=CN_DATE_FORMAT)
        rows = map(writer.append, _value_rows(tasks, _light_cells(sheet, writer)))
    start_sheet(sheet, title=ledger_title(today), headers=headers(), widths=WIDTHS)
    if not fast:
        rows = (append_row(sheet, _row(sheet, task, today)) for task in tasks)
    count = 0
    for _written in rows:
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if progress is not None:
        progress(count)
    return finish_sheet(sheet, count)


def ledger_title(today):
    """乌审旗府院联动工作督办台账（截至2026年11月29日）."""
    return f"{settings.REGION_NAME}府院联动工作督办台账（截至{today.year}年{today.month}月{today.day}日）"


# ---------------------------------------------------------------- the fast path: plain values, prepared styles

_FIELDS = ("pk", "number", "category__title", "title", "deadline_text", "due_date", "deadline_kind", "cycle",
           "status", "light", "latest_report__text", "closed_on", "origin")


def _value_rows(tasks, lights):
    """Each task's cell values from one values_list query and one units query per chunk (no model instances).

    `lights` maps a light to its cell (the label in its fill).
    """
    from fuyuan.units.models import MemberUnit

    from .models import Cycle, DeadlineKind, Origin, Status, TaskUnit, UnitRole

    # Labels resolved once, not once per cell.
    status = {value: str(label) for value, label in Status.choices}
    origin = {value: str(label) for value, label in Origin.choices}
    kind = {value: str(label) for value, label in DeadlineKind.choices}
    cycle = {value: str(label) for value, label in Cycle.choices}
    # The roster is short: its names once, then each chunk's units as ids (no join per chunk).
    unit_names = dict(MemberUnit.objects.values_list("pk", "name"))
    rows = tasks.values_list(*_FIELDS).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(itertools.islice(rows, CHUNK_SIZE)):
        units = {}
        for task_id, role, unit_id in (TaskUnit.objects.filter(task_id__in=[row[0] for row in chunk])
                                       .order_by("task_id", "role", "order", "pk")
                                       .values_list("task_id", "role", "unit_id")):
            units.setdefault((task_id, role), []).append(unit_names[unit_id])
        for (pk, number, category, title, deadline_text, due_date, deadline_kind, task_cycle, task_status, light,
             progress, closed_on, task_origin) in chunk:
            if deadline_text:
                deadline = deadline_text
            elif due_date:
                deadline = f"{due_date.year}年{due_date.month}月{due_date.day}日"
            elif task_cycle:
                deadline = _("%(kind)s (report %(cycle)s)") % {"kind": kind.get(deadline_kind, ""),
                                                               "cycle": cycle.get(task_cycle, "")}
            else:
                deadline = kind.get(deadline_kind, "")
            # 完成时限 is a real date (sortable) when there is one; 长期坚持, 每季度… go to the note column.
            note = "" if due_date and not deadline_text else deadline
            yield (number, category or "", title, "、".join(units.get((pk, UnitRole.LEAD), ())),
                   "、".join(units.get((pk, UnitRole.RESPONSIBLE), ())), due_date, note, status.get(task_status, ""),
                   lights.get(light), progress or "", closed_on, origin.get(task_origin, ""))


def _light_cells(sheet, writer):
    """{light: its label in the light's fill}, the light column's cells of the fast path."""
    cells = {}
    for light in deadlines.LIGHTS:
        cell = WriteOnlyCell(sheet, value="")
        cell.fill = FILLS[deadlines.light_colour(light)]
        cells[light] = Styled(str(deadlines.light_label(light)), writer.style_of(cell))
    return cells


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
