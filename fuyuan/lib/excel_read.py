"""Reading a workbook a person filled in: one header row, one record per row, refused whole when odd.

The checks are the ones offices trip over: not a workbook, too big, merged cells, formulas, headers
that name none of the expected columns. Every refusal is a `WorkbookRefused` with a message in the
user's language; nothing here writes anything.
"""

import io
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000


class WorkbookRefused(ValueError):
    """The workbook as a whole cannot be imported."""


def read_table(data: bytes, headers: dict[str, str], required: dict[str, str], *, ignored=(), max_rows=MAX_ROWS,
               max_bytes=MAX_BYTES) -> list[dict]:
    """Rows of the first sheet as {"row": n, field: text} using `headers` {header text: field}.

    `required` {field: label} names the columns that must be present; `ignored` header texts are read past.
    """
    if not data:
        raise WorkbookRefused(_("The file is empty."))
    if len(data) > max_bytes:
        raise WorkbookRefused(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes // 2**20})
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        message = _("This is not an Excel workbook (.xlsx); save it as .xlsx from Excel or WPS.")
        raise WorkbookRefused(message) from error
    sheet = workbook.worksheets[0]
    if sheet.merged_cells.ranges:
        first = sorted(str(r) for r in sheet.merged_cells.ranges)[0]
        raise WorkbookRefused(_("The sheet has merged cells (%(range)s); unmerge them so every row stands alone.")
                              % {"range": first})
    if sheet.max_row - 1 > max_rows:
        raise WorkbookRefused(_("The sheet has %(n)s rows; at most %(max)s can be imported at once.")
                              % {"n": sheet.max_row - 1, "max": max_rows})
    rows = sheet.iter_rows()
    # The header is the first row, or the second under a title row (our exports and offices' own sheets).
    first = next(rows, None) or []
    try:
        columns = _columns(first, headers, required, ignored)
    except WorkbookRefused:
        if len([cell for cell in first if cell.value not in (None, "")]) > 1:
            raise
        columns = _columns(next(rows, None) or [], headers, required, ignored)
    out = []
    for cells in rows:
        values = {}
        for index, field in columns.items():
            cell = cells[index] if index < len(cells) else None
            if cell is not None and cell.data_type == "f":
                raise WorkbookRefused(_("Cell %(cell)s holds a formula; paste values only.")
                                      % {"cell": cell.coordinate})
            values[field] = cell_text(cell.value if cell is not None else None)
        if any(values.values()):
            out.append({"row": cells[0].row, **values})
    if not out:
        raise WorkbookRefused(_("The sheet has no data rows."))
    return out


def _columns(header, headers, required, ignored) -> dict[int, str]:
    columns = {}
    for index, cell in enumerate(header):
        name = "".join(cell_text(cell.value).split())
        if name in headers and headers[name] not in columns.values():
            columns[index] = headers[name]
    missing = [label for field, label in required.items() if field not in columns.values()]
    if missing:
        raise WorkbookRefused(_("The first row must name the columns; missing: %(missing)s.")
                              % {"missing": "、".join(missing)})
    return columns


def cell_text(value) -> str:
    """A cell as the text a person typed: dates as 2024年4月30日, 3.0 as 3."""
    if value is None:
        return ""
    if hasattr(value, "year") and hasattr(value, "month"):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
