"""Task tables that reached us flattened to text, turned back into rows for ``table_lines``.

Two shapes are common in plans copied from web pages and PDFs:

* one row per line, cells separated by ``|`` (or tabs), the header naming the columns, a category
  printed only on the first row of its span (row-spanned cell) or on a row of its own;
* the whole table on one line, cells separated by spaces: the header words, then rows that each
  start with the running number 1, 2, 3 …, with category headings (一、…) between them.

Pure string logic; the result is a list of lines the outline reader already understands.
"""

import re

from .text import to_label_script

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


# ---------------------------------------------------------------- task tables in .docx

_COLUMN_ROLES = (  # header words -> role of a column in a task table
    ("number", re.compile(r"序号|编号")),
    ("category", re.compile(r"类别|分类|领域|板块")),
    ("lead", re.compile(r"牵头|主责")),
    ("responsible", re.compile(r"责任|配合|协办|参与")),
    ("deadline", re.compile(r"时限|时间|期限|节点")),
    ("task", re.compile(r"任务|事项|内容|措施|工作|名称")),
)
_TABLE_LABELS = {"lead": "牵头单位", "responsible": "责任单位", "deadline": "完成时限"}


def header_role(cell: str) -> str | None:
    """The role a table header cell names (序号, 工作内容, 牵头单位 …), or None."""
    mapped = to_label_script(cell)
    return next((r for r, regex in _COLUMN_ROLES if regex.search(mapped)), None) if len(cell) <= 8 else None


def column_roles(header: list[str]) -> dict[str, int]:
    """Map column roles to indexes, for a header row that names unit or deadline columns."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        mapped = to_label_script(cell)
        role = next((r for r, regex in _COLUMN_ROLES if regex.search(mapped)), None)
        if role and role not in roles:
            roles[role] = index
    return roles if roles.keys() & _TABLE_LABELS.keys() else {}


def table_lines(rows: list[list[str]]) -> list[str]:
    """A task table as numbered items with label lines; any other table as one line per row."""
    roles = column_roles(rows[0]) if rows else {}
    if not roles:
        return ["\t".join(_dedupe_adjacent(row)) for row in rows]
    lines, category, categories = [], None, 0
    for index, row in enumerate(rows[1:], start=1):
        cell = {role: row[i] if i < len(row) else "" for role, i in roles.items()}
        if "category" in cell and cell["category"] and cell["category"] != category:
            category, categories = cell["category"], categories + 1
            lines.append(f"（{_cn_numeral(categories)}）{category}")
        number = re.sub(r"\D", "", cell.get("number", "")) or str(index)
        lines.append(f"{number}.{cell.get('task', '')}")
        lines += [f"{label}：{cell[role]}" for role, label in _TABLE_LABELS.items() if cell.get(role)]
    return lines


def _dedupe_adjacent(cells: list[str]) -> list[str]:
    """Drop repeats produced by horizontally merged cells."""
    return [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]


def _cn_numeral(value: int) -> str:
    """1..99 as Chinese numerals (一, 十二, 二十)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(value, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
