"""Task tables that reached us flattened to text, turned back into rows for ``plan_units.table_lines``.

Two shapes are common in plans copied from web pages and PDFs:

* one row per line, cells separated by ``|`` (or tabs), the header naming the columns, a category
  printed only on the first row of its span (row-spanned cell) or on a row of its own;
* the whole table on one line, cells separated by spaces: the header words, then rows that each
  start with the running number 1, 2, 3 …, with category headings (一、…) between them.

Pure string logic; the result is a list of lines the outline reader already understands.
"""

import re

from .plan_units import column_roles, header_role, table_lines

_PIPE = re.compile(r"\s*[|｜\t]\s*")
_CATEGORY = re.compile(r"^[一二三四五六七八九十]+[、.]")


def _cells(line: str) -> list[str]:
    return [cell for cell in _PIPE.split(line.strip().strip("|｜")) if cell != ""]


def _pipe_table(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """Rows of a |-separated table whose header is lines[start]; (lines, end) or None."""
    header = _cells(lines[start])
    roles = column_roles(header)
    if len(header) < 3 or not roles or "task" not in roles:
        return None
    rows, category, end = [header], "", start + 1
    has_category = "category" in roles
    while end < len(lines) and (_PIPE.search(lines[end]) or _CATEGORY.match(lines[end])):
        cells = _cells(lines[end])
        if len(cells) == 1 and _CATEGORY.match(cells[0]):  # a category on a row of its own
            category = cells[0]
        elif len(cells) == len(header) - 1 and has_category:  # row-spanned category: cell left out
            cells.insert(roles["category"], category)
            rows.append(cells)
        elif len(cells) >= 2:
            if has_category and cells[roles["category"]]:
                category = cells[roles["category"]]
            rows.append(cells + [""] * (len(header) - len(cells)))
        end += 1
    if len(rows) < 2:
        return None
    if not has_category and category:
        rows = _with_category_column(rows, lines[start + 1 : end])
    return table_lines(rows), end


def _with_category_column(rows: list[list[str]], source: list[str]) -> list[list[str]]:
    """Add a 类别 column from the category rows printed between the data rows."""
    out, category, data = [["类别", *rows[0]]], "", iter(rows[1:])
    for line in source:
        cells = _cells(line)
        if len(cells) == 1 and _CATEGORY.match(cells[0]):
            category = _CATEGORY.sub("", cells[0]).strip()
        elif len(cells) >= 2:
            out.append([category, *next(data)])
    return out


def _flat_table(line: str) -> list[str] | None:
    """A whole table on one line: 序号 工作内容 责任部门 完成时限 一、… 1 … 某单位 全年 2 …"""
    tokens = line.split()
    width = 0
    while width < min(len(tokens), 8) and header_role(tokens[width]):
        width += 1
    header = tokens[:width]
    roles = column_roles(header)
    if len(header) < 3 or "number" not in roles or "task" not in roles:
        return None
    rows, category, expected = [["类别", *header]], "", 1
    row: list[str] | None = None
    for token in tokens[width:]:
        if token == str(expected):
            if row is not None:
                rows.append(_fit(row, header, roles, category))
            row, expected = [token], expected + 1
        elif _CATEGORY.match(token) and (row is None or len(row) > 1):
            if row is not None:
                rows.append(_fit(row, header, roles, category))
                row = None
            category = _CATEGORY.sub("", token).strip()
        elif row is not None:
            row.append(token)
    if row is not None:
        rows.append(_fit(row, header, roles, category))
    return table_lines(rows) if len(rows) > 1 else None


def _fit(row: list[str], header: list[str], roles: dict[str, int], category: str) -> list[str]:
    """Fit a row's tokens to the header: surplus tokens belong to the free-text task column."""
    task = roles["task"]
    before, after = task, len(header) - task - 1
    if len(row) < len(header):
        row = row + [""] * (len(header) - len(row))
    cells = row[:before] + [" ".join(row[before : len(row) - after])] + (row[len(row) - after :] if after else [])
    return [category, *cells]


def expand_tables(lines: list[str]) -> list[str]:
    """Replace flattened task tables in a document's lines by numbered items with label lines."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if _PIPE.search(line):
            found = _pipe_table(lines, i)
            if found:
                out += found[0]
                i = found[1]
                continue
        if len(line) > 40 and " " in line:
            flat = _flat_table(line)
            if flat:
                out += flat
                i += 1
                continue
        out.append(line)
        i += 1
    return out
