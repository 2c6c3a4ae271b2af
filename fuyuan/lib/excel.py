"""Writing workbooks Excel and WPS open safely and print as offices print them.

Write-only mode, no formula injection, and every sheet laid out by `start_sheet` / `finish_sheet`: a title
row over the header, frozen header, autofilter, A4 landscape fitted to one page wide, title and header
repeated on every printed page, footer 「第 &P 页 共 &N 页」.
"""

import datetime
import math
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

# Text starting with these is run as a formula by Excel or WPS (CSV/formula injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_TITLE_FONT = Font(bold=True, size=16)
# Text longer than this wraps (the narrow columns a sheet printed one page wide needs); a line is this tall.
_WRAP_FROM = 8
_LINE_HEIGHT = 15
FOOTER = "第 &P 页 共 &N 页"


def _cell(sheet, value, *, header=False, date_format="yyyy-mm-dd"):
    """A write-only cell holding value; formula-looking text is stored as plain text."""
    cell = WriteOnlyCell(sheet, value=None)
    if isinstance(value, str) and value.startswith(_FORMULA_TRIGGERS):
        # Assign through _value and data_type "s" so openpyxl never treats it as a formula, and set Excel's
        # quote-prefix style (the hidden apostrophe) so that editing the cell or saving as CSV keeps it text.
        cell._value = value
        cell.data_type = "s"
        cell.quotePrefix = True
    else:
        cell.value = value
    if isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, datetime.date):
        cell.number_format = date_format
    if header:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    elif isinstance(value, str) and len(value) > _WRAP_FROM:
        cell.alignment = _WRAP
    elif value is not None:
        cell.alignment = _TOP  # level with the wrapped cells of the row
    return cell


def text_width(text) -> float:
    """Column width (in Excel's character units) that fits the text: a Chinese character is two."""
    return sum(2.1 if ord(ch) > 0x2E80 else 1.1 for ch in str(text or "")) + 2


def _text_units(text):
    # Rendered CJK runs about 1.8 width units a character in Excel's and LibreOffice's default fonts.
    return sum(1.8 if ord(ch) > 0x2E80 else 1 for ch in text)


def start_sheet(sheet, *, title, headers, widths=None):
    """Lay out a new (write-only or normal) sheet: title row, header row, widths, freeze and print setup.

    Call before appending data rows, and `finish_sheet` after them (the autofilter needs the last row).
    """
    widths = list(widths or [])
    fitted = []
    for index, header in enumerate(headers, start=1):
        fitted.append(max(widths[index - 1] if index <= len(widths) else 0, min(text_width(header), 40)))
        sheet.column_dimensions[_column_letter(index)].width = fitted[-1]
    # A write-only sheet writes its head (views, properties, columns) with the first row: set them before it.
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top, sheet.page_margins.bottom = 0.6, 0.7
    sheet.oddFooter.center.text = FOOTER
    sheet.evenFooter.center.text = FOOTER
    sheet._fuyuan_columns = len(headers)
    sheet._fuyuan_widths = fitted
    sheet._fuyuan_row = 2
    sheet.append([_title_cell(sheet, title)])
    sheet.append([_cell(sheet, h, header=True) for h in headers])
    return sheet


def append_row(sheet, cells):
    """Append a data row to a sheet from `start_sheet`, tall enough for its wrapped text.

    Neither the xlsx file nor LibreOffice sizes rows by their wrapped text, so a printed ledger would cut
    every long item to one line: the height is estimated from the text and the column widths.
    """
    sheet._fuyuan_row += 1
    lines = 1
    for cell, width in zip(cells, sheet._fuyuan_widths, strict=False):
        value = cell.value if isinstance(cell, Cell) else cell
        if isinstance(value, str) and len(value) > _WRAP_FROM:
            lines = max(lines, math.ceil(_text_units(value) / max(width - 1, 1)))
    if lines > 1:
        sheet.row_dimensions[sheet._fuyuan_row].height = min(lines, 12) * _LINE_HEIGHT
    sheet.append(cells)


def finish_sheet(sheet, rows):
    """Put the autofilter over the header and the `rows` data rows written under it."""
    columns = getattr(sheet, "_fuyuan_columns", 1)
    sheet.auto_filter.ref = f"A2:{_column_letter(columns)}{2 + max(rows, 0)}"
    return sheet


def add_sheet(workbook, title, headers, rows, widths=None, *, heading=None):
    """Append a laid-out sheet named `title` (its title row says `heading`), one row per iterable in rows."""
    sheet = workbook.create_sheet(title=title)
    start_sheet(sheet, title=heading or title, headers=headers, widths=widths)
    count = 0
    for row in rows:
        append_row(sheet, [_cell(sheet, v) for v in row])
        count += 1
    finish_sheet(sheet, count)
    return sheet


def _title_cell(sheet, title):
    # A WriteOnlyCell appends to a normal sheet as well (Worksheet.append takes Cell objects).
    cell = WriteOnlyCell(sheet, value=title)
    cell.font = _TITLE_FONT
    return cell


def new_workbook():
    return Workbook(write_only=True)


def workbook_bytes(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
