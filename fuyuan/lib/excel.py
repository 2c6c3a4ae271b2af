"""Writing workbooks Excel and WPS open safely: write-only mode, frozen header, no formula injection."""

import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

# Text starting with these is run as a formula by Excel or WPS (CSV/formula injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_WRAP = Alignment(wrap_text=True, vertical="top")


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
    elif isinstance(value, str) and len(value) > 30:
        cell.alignment = _WRAP
    return cell


def add_sheet(workbook, title, headers, rows, widths=None):
    """Append a sheet: bold frozen header, column widths, one row per iterable in rows."""
    sheet = workbook.create_sheet(title=title)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[_column_letter(index)].width = width
    sheet.append([_cell(sheet, h, header=True) for h in headers])
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])
    return sheet


def new_workbook():
    return Workbook(write_only=True)


def workbook_bytes(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
