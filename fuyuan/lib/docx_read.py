"""The text of a .docx, streamed: paragraphs and table rows in document order, stopped at a cap while reading.

python-docx loads every part and builds the whole XML tree before the first paragraph can be counted, so a
small file whose document.xml inflates to hundreds of megabytes takes gigabytes. Here the zip is inspected
first (upload_policy.inspect_zip), then word/document.xml is read with lxml's iterparse — entities not
resolved, no DTD, no network — and every finished paragraph is dropped from the tree. The output matches
python-docx's `Paragraph.text` and `_Row.cells` (a horizontally merged cell repeats, a vertically merged
cell repeats the one above) so that the plan reader sees the same lines.
"""

import io
import zipfile

from django.utils.translation import gettext as _
from lxml import etree

from .upload_policy import UploadRefused, inspect_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_CHARS = 500_000
MAX_PARAGRAPHS = 50_000
_RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n",
             W + "noBreakHyphen": "-"}


class DocxRefused(UploadRefused):
    """The .docx cannot be read, or is longer than the cap."""


def read_docx_text(source, *, max_chars=MAX_CHARS, max_paragraphs=MAX_PARAGRAPHS, table_lines=None) -> str:
    """Text of a .docx (path, bytes or file-like); `table_lines(rows)` turns a table's rows into lines."""
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    elif not hasattr(source, "read"):
        source = open(source, "rb")  # noqa: SIM115 - closed by the zip below
    archive = inspect_zip(source)
    lines = _Lines(max_chars, max_paragraphs)
    table_lines = table_lines or (lambda rows: ["\t".join(row) for row in rows])
    try:
        with archive, archive.open("word/document.xml") as xml:
            _read(xml, lines, table_lines)
    except UploadRefused:
        raise
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, etree.XMLSyntaxError) as error:
        raise DocxRefused(_("This .docx file cannot be read; save it again from Word or WPS.")) from error
    return "\n".join(lines)


class _Lines(list):
    def __init__(self, max_chars, max_paragraphs):
        super().__init__()
        self.chars, self.max_chars, self.paragraphs, self.max_paragraphs = 0, max_chars, 0, max_paragraphs

    def count(self, text):
        self.chars += len(text) + 1
        self.paragraphs += 1
        if self.chars > self.max_chars or self.paragraphs > self.max_paragraphs:
            raise DocxRefused(_("The plan is longer than %(n)s characters.") % {"n": self.max_chars})


def _read(xml, lines, table_lines):
    body_depth, depth = None, 0
    table = row = cell = None  # the top-level table's rows, the current row, the current cell's paragraphs
    parser = etree.iterparse(xml, events=("start", "end"), resolve_entities=False, load_dtd=False,
                             no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
    for event, element in parser:
        tag = element.tag
        if event == "start":
            depth += 1
            if body_depth is None:
                body_depth = depth if tag == W + "body" else None
                continue
            level = depth - body_depth  # 1 = a child of <w:body>
            if tag == W + "tbl" and level == 1:
                table = []
            elif tag == W + "tr" and level == 2 and table is not None:
                row = {"cells": [], "grid": {}, "position": 0}
            elif tag == W + "tc" and level == 3 and row is not None:
                cell = []
            continue
        level = depth - body_depth if body_depth is not None else 0
        depth -= 1
        if level <= 0:
            continue
        if tag == W + "p":
            text = _paragraph_text(element)
            if level == 1:
                lines.count(text)
                lines.append(text)
            elif level == 4 and cell is not None:  # body > tbl > tr > tc > p
                lines.count(text)
                cell.append(text)
            element.clear(keep_tail=False)
        elif tag == W + "trPr" and level == 3 and row is not None:
            before = element.find(W + "gridBefore")
            if before is not None and before.get(W + "val", "").isascii() and before.get(W + "val", "").isdigit():
                row["position"] = min(int(before.get(W + "val")), 64)
        elif tag == W + "tc" and level == 3 and row is not None:
            _end_cell(element, row, table, "\n".join(cell or []))
            cell = None
            element.clear(keep_tail=False)
        elif tag == W + "tr" and level == 2 and table is not None:
            table.append(row)
            row = None
            element.clear(keep_tail=False)
        elif tag == W + "tbl" and level == 1:
            lines.extend(table_lines([[text for text, _span in r["cells"]] for r in table]))
            table = None
        if level == 1:
            element.clear(keep_tail=False)
            # Drop finished body children so the tree never holds more than one of them.
            while element.getprevious() is not None:
                del element.getparent()[0]


def _paragraph_text(p) -> str:
    """As python-docx's Paragraph.text: runs and hyperlinked runs, tabs and breaks included."""
    parts = []
    for run in p.iterchildren(W + "r", W + "hyperlink"):
        runs = run.iterchildren(W + "r") if run.tag == W + "hyperlink" else (run,)
        for r in runs:
            for child in r:
                if child.tag in _RUN_TEXT:
                    if child.tag == W + "br" and child.get(W + "type") not in (None, "textWrapping"):
                        continue
                    parts.append(child.text or "" if child.tag == W + "t" else _RUN_TEXT[child.tag])
    return "".join(parts)


def _end_cell(tc, row, table, text):
    props = tc.find(W + "tcPr")
    span, merge = 1, None
    if props is not None:
        grid = props.find(W + "gridSpan")
        value = grid.get(W + "val", "1") if grid is not None else "1"
        span = int(value) if value.isascii() and value.isdigit() else 1
        vmerge = props.find(W + "vMerge")
        if vmerge is not None:
            merge = vmerge.get(W + "val", "continue")
    span = max(1, min(span, 64))
    position = row["position"]
    if merge == "continue" and table:
        text = table[-1]["grid"].get(position, "")
    for offset in range(span):
        row["grid"][position + offset] = text
        row["cells"].append((text, span))
    row["position"] = position + span
