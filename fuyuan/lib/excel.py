"""Writing workbooks Excel and WPS open safely and print as offices print them.

Write-only mode, no formula injection, and every sheet laid out by `start_sheet` / `finish_sheet`: a title
row over the header, frozen header, autofilter, A4 landscape fitted to one page wide, title and header
repeated on every printed page, footer 「第 &P 页 共 &N 页」.
"""

import datetime
import math
import re
from io import BytesIO
from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.datetime import to_excel
from openpyxl.xml.functions import fromstring

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
    if isinstance(value, str):
        # Control characters pasted from Word (a vertical tab, a form feed) are not allowed in the file's XML:
        # openpyxl refuses the cell and the whole export failed. They print as nothing, so they go.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
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


_WIDE_RUNS = re.compile("[\u2e81-\U0010ffff]+")


def _text_units(text):
    # Rendered CJK runs about 1.8 width units a character in Excel's and LibreOffice's default fonts.
    # Counted by runs (a regex, not a loop over characters: an export measures every long cell).
    wide = sum(map(len, _WIDE_RUNS.findall(text)))
    return (5 * len(text) + 4 * wide) / 5


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
    lines = _lines([cell.value if isinstance(cell, Cell) else cell for cell in cells], sheet._fuyuan_widths)
    if lines > 1:
        sheet.row_dimensions[sheet._fuyuan_row].height = lines * _LINE_HEIGHT
    sheet.append(cells)


def _lines(values, widths):
    """How many lines (at most 12) the row's longest wrapped text takes in its column."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and len(value) > _WRAP_FROM:
            lines = max(lines, math.ceil(_text_units(value) / max(width - 1, 1)))
    return min(lines, 12)


class Styled(NamedTuple):
    """A value for FastRows.append in a style of its own (`FastRows.style_of` a cell so styled), e.g. a fill."""

    value: object
    style: str


class _XmlRow(tuple):
    """A row already serialised by FastRows: (its <row> element,)."""


class FastRows:
    """Data rows for a write-only sheet, the file that `append_row(sheet, [_cell(sheet, v) for v in values])`
    writes, without a Cell object per value.

    openpyxl binds, styles and serialises one Cell per value, which is most of a large export's time. Here
    each value's style is one of a few prepared once (text top-aligned or wrapped, formula-looking text
    quote-prefixed, dates in `date_format`) and each row goes into the sheet's XML stream as one element.
    A value this does not know (a number, a datetime, an error code, text openpyxl would refuse or cut)
    sends its whole row through append_row instead, so the result is the same either way.

    Create it right after `workbook.create_sheet`, before `start_sheet` appends the first row: it takes over
    the sheet's row stream (openpyxl's WriteOnlyWorksheet._write_rows) and still writes ordinary rows.
    """

    def __init__(self, sheet, *, date_format="yyyy-mm-dd"):
        if sheet._rows is not None:
            raise RuntimeError("FastRows must be set up before the sheet's first row")
        self.sheet = sheet
        self.date_format = date_format
        self.epoch = sheet.parent.epoch
        self.top = self.style_of(_cell(sheet, "x"))
        self.wrap = self.style_of(_cell(sheet, "x" * (_WRAP_FROM + 1)))
        self.formula_top = self.style_of(_cell(sheet, "="))
        self.formula_wrap = self.style_of(_cell(sheet, "=" * (_WRAP_FROM + 1)))
        self.date = self.style_of(_cell(sheet, datetime.date(2000, 1, 1), date_format=date_format))
        self._letters = []
        self._spans = None
        sheet._rows = _row_stream(sheet)
        next(sheet._rows)

    def style_of(self, cell):
        """The workbook's style id (as written in the file) of a cell styled as the rows should be."""
        return str(cell.style_id)

    def append(self, values):
        """Append one data row of plain values (str, date or None) or Styled values."""
        sheet = self.sheet
        row = str(sheet._fuyuan_row + 1)
        letters = self._letters
        if len(values) > len(letters):
            letters.extend(_column_letter(index) for index in range(len(letters) + 1, len(values) + 1))
        spans = self._spans
        if spans is None:  # the widths start_sheet fitted, as append_row measures a row
            spans = self._spans = [max(width - 1, 1) for width in sheet._fuyuan_widths]
        cells = []
        lines = 1
        for column, value in enumerate(values):
            if value is None:
                continue
            if type(value) is Styled:
                value, style = value
            else:
                style = None
            if type(value) is str:
                if value.startswith(_FORMULA_TRIGGERS):
                    # Stored as text as it is, as _cell stores it (never bound as a formula).
                    if style is None:
                        style = self.formula_wrap if len(value) > _WRAP_FROM else self.formula_top
                elif len(value) > 32767 or value in ERROR_CODES or ILLEGAL_CHARACTERS_RE.search(value):
                    return self._append_cells(values)  # openpyxl cuts, marks or refuses these: let it
                elif style is None:
                    style = self.wrap if len(value) > _WRAP_FROM else self.top
                if not value:
                    cells.append(f'<c r="{letters[column]}{row}" s="{style}" t="inlineStr"/>')
                    continue
                space = ' xml:space="preserve"' if value != value.strip() else ""  # as openpyxl marks it
                cells.append(f'<c r="{letters[column]}{row}" s="{style}" t="inlineStr"><is><t{space}>'
                             f"{_escaped(value)}</t></is></c>")
                if len(value) > _WRAP_FROM and column < len(spans):
                    lines = max(lines, math.ceil(_text_units(value) / spans[column]))
            elif type(value) is datetime.date and style is None:
                cells.append(f'<c r="{letters[column]}{row}" s="{self.date}" t="n">'
                             f"<v>{safe_string(to_excel(value, self.epoch))}</v></c>")
            else:
                return self._append_cells(values)
        height = f' ht="{safe_string(float(min(lines, 12) * _LINE_HEIGHT))}" customHeight="1"' if lines > 1 else ""
        sheet._fuyuan_row += 1
        # Parsed back by the XML library openpyxl writes with: one C call a row instead of an element a cell.
        sheet.append(_XmlRow((fromstring(f'<row r="{row}"{height}>{"".join(cells)}</row>'),)))

    def _append_cells(self, values):
        cells = []
        for value in values:
            if type(value) is Styled:
                cell = WriteOnlyCell(self.sheet, value=value.value)
                cell._style = StyleArray(self.sheet.parent._cell_styles[int(value.style)])
                cells.append(cell)
            else:
                cells.append(_cell(self.sheet, value, date_format=self.date_format))
        append_row(self.sheet, cells)


def _escaped(text):
    """Text as XML character data; a carriage return as a reference, or the parser would make it a line feed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _row_stream(sheet):
    """WriteOnlyWorksheet._write_rows, also taking rows FastRows has serialised."""
    try:
        row = yield
    except GeneratorExit:
        row = None  # closed before its first row: still an (empty) sheetData
    xf = sheet._writer.xf.send(True)
    with xf.element("sheetData"):
        row_index = 1
        try:
            while row is not None:
                if type(row) is _XmlRow:
                    xf.write(row[0])
                else:
                    sheet._writer.write_row(xf, sheet._values_to_row(row, row_index), row_index)
                row_index += 1
                row = yield
        except GeneratorExit:
            pass
    sheet._writer.xf.send(None)


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
