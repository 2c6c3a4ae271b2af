"""The ledger workbook (督办台账): openpyxl write-only, formula-safe, dates as real dates."""

import datetime
import itertools

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from fuyuan.lib.excel import _FORMULA_TRIGGERS, _cell, new_workbook

from . import deadlines
from .selectors import lead_units, responsible_units

CHUNK_SIZE = 2000
CN_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
WIDTHS = [8, 18, 48, 22, 30, 16, 10, 10, 48, 14, 12]
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
            capfirst(_("status")), _("Light"), _("Latest progress"), _("Closed on"), _("Origin")]


def write_ledger(tasks, stream, today):
    """Write the tasks (from selectors.ledger_tasks) as one sheet 督办台账 to a path or binary stream."""
    workbook = new_workbook()
    add_ledger_sheet(workbook, tasks, today)
    workbook.save(stream)


def add_ledger_sheet(workbook, tasks, today):
    """Append the 督办台账 sheet to a write-only workbook (the assessment workbook has one too)."""
    sheet = workbook.create_sheet(title=_("Supervision ledger"))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_cell(sheet, header, header=True) for header in headers()])
    if isinstance(tasks, QuerySet) and "light" in tasks.query.annotations:
        styles = _Styles(sheet)
        for values in _value_rows(tasks):
            sheet.append(styles.cells(values))
        return sheet
    for task in tasks:
        sheet.append(_row(sheet, task, today))
    return sheet


# ---------------------------------------------------------------- the fast path: plain values, styles per column

_FIELDS = ("pk", "number", "category__title", "title", "deadline_text", "due_date", "deadline_kind", "cycle",
           "status", "light", "latest_report__text", "closed_on", "origin")


def _value_rows(tasks):
    """Each task's cell values from one values_list query and one units query per chunk (no model instances)."""
    from .models import Cycle, DeadlineKind, Origin, Status, TaskUnit, UnitRole

    # Labels resolved once, not once per cell.
    status = {value: str(label) for value, label in Status.choices}
    origin = {value: str(label) for value, label in Origin.choices}
    kind = {value: str(label) for value, label in DeadlineKind.choices}
    cycle = {value: str(label) for value, label in Cycle.choices}
    rows = tasks.values_list(*_FIELDS).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(itertools.islice(rows, CHUNK_SIZE)):
        units = {}
        for task_id, role, name in (TaskUnit.objects.filter(task_id__in=[row[0] for row in chunk])
                                    .order_by("task_id", "role", "order", "pk")
                                    .values_list("task_id", "role", "unit__name")):
            units.setdefault((task_id, role), []).append(name)
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
            yield (number, category or "", title, "、".join(units.get((pk, UnitRole.LEAD), ())),
                   "、".join(units.get((pk, UnitRole.RESPONSIBLE), ())), deadline, status.get(task_status, ""),
                   light, progress or "", closed_on, origin.get(task_origin, ""))


class _Styles:
    """Cells of one row: plain values where no style is needed, styled cells copying a prepared style."""

    def __init__(self, sheet):
        # A style is a row of indices into this workbook's tables: prepare them once, per sheet.
        self.sheet = sheet
        self.wrap = _cell(sheet, "x" * 31)._style
        self.date = _cell(sheet, datetime.date(2000, 1, 1), date_format=CN_DATE_FORMAT)._style
        self.lights = {}
        for light in deadlines.LIGHTS:
            cell = WriteOnlyCell(sheet, value="")
            cell.fill = FILLS[deadlines.light_colour(light)]
            self.lights[light] = (cell._style, str(deadlines.light_label(light)))

    def cells(self, values):
        out = []
        for index, value in enumerate(values):
            if index == LIGHT_COLUMN:
                style, label = self.lights.get(value, (None, ""))
                out.append(self._styled(label, style))
            elif isinstance(value, str):
                if value.startswith(_FORMULA_TRIGGERS):
                    out.append(_cell(self.sheet, value))  # kept as text, never a formula
                elif len(value) > 30:
                    out.append(self._styled(value, self.wrap))
                else:
                    out.append(value)
            elif isinstance(value, datetime.date):
                out.append(self._styled(value, self.date))
            else:
                out.append(value)
        return out

    def _styled(self, value, style):
        cell = WriteOnlyCell(self.sheet, value=value)
        if style is not None:
            cell._style = StyleArray(style)
        return cell


LIGHT_COLUMN = 7


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
        str(task.deadline_display),
        str(task.get_status_display()),
    ]
    cells = [_cell(sheet, value) for value in values]
    cells.append(light_cell)
    cells.append(_cell(sheet, getattr(task, "latest_progress", None) or ""))
    cells.append(_cell(sheet, task.closed_on, date_format=CN_DATE_FORMAT))
    cells.append(_cell(sheet, str(task.get_origin_display())))
    return cells
