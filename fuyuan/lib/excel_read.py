"""Reading a workbook a person filled in: one header row, one record per row, refused whole when odd.

The checks are the ones offices trip over: not a workbook, too big, merged cells, formulas, headers
that name none of the expected columns. Every refusal is a `WorkbookRefused` with a message in the
user's language; nothing here writes anything.

The workbook is streamed (openpyxl read-only) after the zip has been inspected for bombs, and reading
stops at the row limit, so a hostile file costs a bounded amount of memory and time (README, Security).
"""

import io
import re
import zipfile
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from .upload_policy import UploadRefused, check_size, inspect_zip

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Columns read per row: import sheets have a dozen; a cell at XFD1 must not make every row 16,384 wide.
MAX_COLUMNS = 60
# openpyxl parses the whole shared-string table up front at ~35 µs a string: 50,000 strings (5,000 rows of
# 10 distinct texts) take under 2 s; a million would take half a minute, so the table is counted first.
MAX_SHARED_STRINGS = 50_000
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[ >/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")


class WorkbookRefused(ValueError):
    """The workbook as a whole cannot be imported."""


def read_table(data: bytes, headers: dict[str, str], required: dict[str, str], *, ignored=(), max_rows=MAX_ROWS,
               max_bytes=None) -> list[dict]:
    """Rows of the first sheet as {"row": n, field: text} using `headers` {header text: field}.

    `required` {field: label} names the columns that must be present; `ignored` header texts are read past.
    """
    try:
        check_size(len(data or b""))
        if max_bytes and len(data) > max_bytes:
            raise UploadRefused(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes // 2**20})
        inspect_zip(io.BytesIO(data))
    except UploadRefused as refusal:
        raise WorkbookRefused(str(refusal)) from refusal
    _refuse_many_strings(data)
    try:
        workbook, sheet = _first_sheet(data)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, ParseError) as error:
        message = _("This is not an Excel workbook (.xlsx); save it as .xlsx from Excel or WPS.")
        raise WorkbookRefused(message) from error
    try:
        _refuse_merged(workbook, sheet)
        return _records(sheet, headers, required, ignored, max_rows)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError) as error:
        if isinstance(error, WorkbookRefused):
            raise
        raise WorkbookRefused(_("The workbook is damaged and cannot be read; save it again from Excel or WPS.")) \
            from error
    finally:
        workbook.close()


class _StreamedSheet(ReadOnlyWorksheet):
    def _get_size(self):
        """Skip openpyxl's size probe: without a <dimension> it parses the whole sheet once more."""


def _first_sheet(data):
    """The workbook (read-only) and its first sheet, without reading the other sheets."""
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)  # number formats tell dates from numbers
    sheet, rel = next(iter(reader.parser.find_sheets()))
    return reader.wb, _StreamedSheet(reader.wb, sheet.name, rel.target, reader.shared_strings)


def _records(sheet, headers, required, ignored, max_rows):
    sheet.reset_dimensions()  # WPS writes a wrong dimension; read what is there
    rows = sheet.iter_rows(max_col=MAX_COLUMNS)
    # The header is the first row, or the second under a title row (our exports and offices' own sheets).
    first = next(rows, None) or []
    try:
        columns = _columns(first, headers, required, ignored)
    except WorkbookRefused:
        if len([cell for cell in first if getattr(cell, "value", None) not in (None, "")]) > 1:
            raise
        columns = _columns(next(rows, None) or [], headers, required, ignored)
    out, seen = [], 0
    for cells in rows:
        values = {}
        for index, field in columns.items():
            cell = cells[index] if index < len(cells) else None
            if cell is not None and cell.data_type == "f":
                raise WorkbookRefused(_("Cell %(cell)s holds a formula; paste values only.")
                                      % {"cell": cell.coordinate})
            values[field] = cell_text(getattr(cell, "value", None))
        if any(values.values()):
            seen += 1
            if seen > max_rows:
                message = _("The sheet has more than %(max)s rows; at most %(max)s can be imported at once.")
                raise WorkbookRefused(message % {"max": max_rows})
            out.append({"row": next(c.row for c in cells if getattr(c, "row", None)), **values})
    if not out:
        raise WorkbookRefused(_("The sheet has no data rows."))
    return out


def _count(archive, name, pattern, stop):
    """Occurrences of `pattern` in member `name`, streamed, up to `stop`."""
    count, tail = 0, b""
    with archive.open(name) as source:
        while chunk := source.read(1 << 20):
            # A match that ends inside the carried tail was counted with the previous chunk.
            count += sum(1 for m in pattern.finditer(tail + chunk) if m.end() > len(tail))
            tail = chunk[-16:]
            if count > stop:
                break
    return count


def _refuse_many_strings(data):
    archive = zipfile.ZipFile(io.BytesIO(data))  # already opened once by inspect_zip
    names = [n for n in archive.namelist() if n.lower().endswith("sharedstrings.xml")]
    for name in names:
        try:
            count = _count(archive, name, _SHARED_STRING, MAX_SHARED_STRINGS)
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise WorkbookRefused(_("The workbook is damaged and cannot be read; save it again from Excel or WPS.")) \
                from error
        if count > MAX_SHARED_STRINGS:
            raise WorkbookRefused(_("The workbook holds more than %(n)s different texts; import it in parts.")
                                  % {"n": MAX_SHARED_STRINGS})


def _refuse_merged(workbook, sheet):
    """Read-only sheets do not parse merges: find <mergeCell ref=…> in the sheet's XML as it streams by."""
    tail = b""
    with workbook._archive.open(sheet._worksheet_path) as source:
        while chunk := source.read(1 << 20):
            found = _MERGE.search(tail + chunk)
            if found:
                raise WorkbookRefused(
                    _("The sheet has merged cells (%(range)s); unmerge them so every row stands alone.")
                    % {"range": found.group(1).decode()})
            tail = chunk[-200:]


def _columns(header, headers, required, ignored) -> dict[int, str]:
    columns = {}
    for index, cell in enumerate(header):
        name = "".join(cell_text(getattr(cell, "value", None)).split())
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
