"""Parse a 府院联动 work plan (实施方案 / 意见 / 措施) into categories and supervised tasks.

How a document is read:

1. The text is normalised (``plan_units.normalize_text``): full-width and ASCII punctuation give
   the same result, and all printed text in the output uses the canonical Chinese punctuation.
2. Every paragraph that starts with a list number opens a node in an outline.  The styles rank
   一、 > （一） > 1. / 1、 > 1.1 > （1） > 1） > ①, whatever order the document uses them in;
   paragraphs without a number belong to the node above them.  "6.2%" or "2.5倍" never open a node
   because a list number is not followed by a digit.
3. Labels are read from each paragraph: a paragraph that starts with 牵头单位： / 责任单位： / 完成时限：
   (and the other label words in ``plan_units``), labels after the last sentence, or a closing
   parenthetical made only of labels such as （市法制局牵头，市编办配合，2005年完成）.
4. **The task level** is the outline level whose items carry those labels.  A label paragraph that
   only follows the last of several unlabelled sub-items (``1.…`` ``2.…`` then ``牵头单位：…``) is
   credited to the item above them.  The level credited most often is the task level.
5. **The task section**: a heading directly above the task level is a category only when at least
   one of its task-level items carries a label.  So preambles (指导思想, 工作目标), 联席会议 member
   lists and closing sections (组织领导, 保障措施) produce no tasks; neither does a document without
   any labels (it gets a warning instead).
6. Units come from the labels; when an item has no lead label, "由X牵头" in its text gives the
   lead, then a "（牵头）" mark in its responsible list.  Dates in the prose are never deadlines.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field

from .plan_deadlines import (
    DEADLINE_DATE,
    DEADLINE_LONG_TERM,
    DEADLINE_NONE,
    DEADLINE_PERIODIC,
    parse_deadline,
)
from .plan_units import (
    Labels,
    marked_leads,
    normalize_text,
    prose_leads,
    split_labels,
    split_units,
    table_lines,
    to_label_script,
    units_of,
)

__all__ = [
    "DEADLINE_DATE",
    "DEADLINE_LONG_TERM",
    "DEADLINE_NONE",
    "DEADLINE_PERIODIC",
    "ParsedPlan",
    "ParsedTask",
    "parse_deadline",
    "parse_plan",
    "read_docx",
    "split_units",
    "to_dict",
]


@dataclass
class ParsedTask:
    """One supervised task of a plan."""

    number: str
    sort_key: str
    category: str
    category_number: str
    title: str
    body: str
    lead_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    lead_text: str = ""
    responsible_text: str = ""
    deadline_text: str = ""
    deadline_kind: str = DEADLINE_NONE
    due_date: datetime.date | None = None
    cycle: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedPlan:
    """A parsed plan: its title, 文号, categories and tasks."""

    title: str
    doc_number: str
    categories: list[tuple[str, str]]
    tasks: list[ParsedTask]
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- outline

_CN_NUM = "一二三四五六七八九十百零〇两"
# (style, rank, regex); the number is group 1.  Order matters: 1.1 before 1.
_MARKERS = (
    ("cn", 0.0, re.compile(rf"([{_CN_NUM}]+)[、.]\s*")),
    ("cn_paren", 1.0, re.compile(rf"（([{_CN_NUM}]+)）\s*")),
    ("decimal", 2.5, re.compile(r"(\d{1,2}(?:\.\d{1,2}){1,3})(?:、|\s+)")),
    ("arabic", 2.0, re.compile(r"(\d{1,3})(?:、|\.(?![\d%]))\s*")),
    ("arabic_paren", 3.0, re.compile(r"（(\d{1,3})）\s*")),
    ("arabic_half", 3.5, re.compile(r"(\d{1,3})）\s*")),
    ("circled", 4.0, re.compile(r"([①-⑳])\s*")),
)
_NUMBER_FORMAT = {"cn_paren": "（{}）", "arabic_paren": "（{}）", "arabic_half": "{}）"}


@dataclass(eq=False)
class _Node:
    """An outline item: its number, its own paragraphs and its sub-items."""

    style: str
    rank: float
    numeral: str
    marker: str
    lines: list[str]
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)

    @property
    def number(self) -> str:
        """The number as printed, without the 、/. after it."""
        return _NUMBER_FORMAT.get(self.style, "{}").format(self.numeral)

    @functools.cached_property
    def parts(self) -> list[tuple[str, Labels]]:
        """(text without labels, labels) for each of the node's own paragraphs."""
        return [split_labels(line) for line in self.lines]

    def walk(self):
        """This node and all nodes below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


def _match_marker(line: str) -> tuple[str, float, re.Match] | None:
    """The list-number style a paragraph starts with, if any."""
    for style, rank, regex in _MARKERS:
        m = regex.match(line)
        if m:
            return style, rank, m
    return None


def _build_outline(lines: list[str]) -> _Node:
    """Nest numbered paragraphs by style rank; unnumbered paragraphs join the open item."""
    root = _Node("root", -1.0, "", "", [])
    stack = [root]
    for line in lines:
        found = _match_marker(line)
        if not found:
            stack[-1].lines.append(line)
            continue
        style, rank, m = found
        while stack[-1].rank >= rank:
            stack.pop()
        node = _Node(style, rank, m.group(1), m.group(0), [line[m.end() :]], parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _numeral_value(numeral: str) -> int | None:
    """Integer value of 12 / 十二 / ⑫ (None for 1.1 or unusual numerals)."""
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if len(numeral) == 1 and "①" <= numeral <= "⑳":
        return ord(numeral) - ord("①") + 1
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    if numeral == "十" or (set(numeral) <= set(digits) | {"十"} and numeral.count("十") == 1):
        tens, _, ones = numeral.partition("十")
        return digits.get(tens, 1) * 10 + digits.get(ones, 0)
    return digits.get(numeral) if len(numeral) == 1 else None


# ---------------------------------------------------------------- labels per node


def _has_labels(node: _Node) -> bool:
    """True when one of the node's own paragraphs carries a label."""
    return any(labels for _, labels in node.parts)


def _only_label_paragraphs(node: _Node) -> bool:
    """True when the node's labels all sit on paragraphs of their own."""
    return all(not labels or not text for text, labels in node.parts)


def _owner(node: _Node) -> _Node:
    """The item a labelled node's labels belong to (see step 4 in the module docstring)."""
    while (
        node.parent is not None
        and node.parent.parent is not None
        and len(node.parent.children) >= 2
        and node is node.parent.children[-1]
        and _only_label_paragraphs(node)
        and not _has_labels(node.parent)
        and not any(_has_labels(n) for sib in node.parent.children[:-1] for n in sib.walk())
    ):
        node = node.parent
    return node


def _task_rank(root: _Node) -> float | None:
    """The outline rank whose items carry the labels most often (shallower on ties)."""
    counts: dict[float, int] = {}
    for node in root.walk():
        if node is not root and _has_labels(node):
            rank = _owner(node).rank
            counts[rank] = counts.get(rank, 0) + 1
    if not counts:
        return None
    return min(counts, key=lambda rank: (-counts[rank], rank))


# ---------------------------------------------------------------- tasks

_SENTENCE_END = re.compile(r"[。；;\n]")


def _first_sentence(text: str) -> str:
    """Text up to the first 。；; or newline."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()


def _collect(task: _Node) -> tuple[list[str], Labels]:
    """Body paragraphs (labels removed, sub-items with their numbers) and all labels of a task."""
    body, labels = [], Labels()
    for node in task.walk():
        for i, (text, found) in enumerate(node.parts):
            labels.extend(found)
            text = (node.marker + text if node is not task and i == 0 else text).strip()
            if text:
                body.append(text)
    return body, labels


def _make_task(node: _Node, category: tuple[str, str], sort_key: str) -> ParsedTask:
    """Build a ParsedTask from a task-level outline item."""
    body_lines, labels = _collect(node)
    body = "\n".join(body_lines)
    responsible_text = "；".join(t for t in labels.responsible if t)
    lead_units = units_of(labels.lead) or prose_leads(body) or marked_leads(responsible_text)
    deadline_text = "；".join(t for t in labels.deadline if t)
    kind, due, cycle = parse_deadline(deadline_text)
    task = ParsedTask(
        number=node.number,
        sort_key=sort_key,
        category=category[1],
        category_number=category[0],
        title=_first_sentence(body),
        body=body,
        lead_units=lead_units,
        responsible_units=units_of(labels.responsible),
        lead_text="；".join(t for t in labels.lead if t),
        responsible_text=responsible_text,
        deadline_text=deadline_text,
        deadline_kind=kind,
        due_date=due,
        cycle=cycle,
    )
    if deadline_text and kind == DEADLINE_NONE:
        task.warnings.append(f"完成时限无法解析：{deadline_text}")
    return task


def _category_of(node: _Node) -> tuple[str, str]:
    """(numeral, title) of the heading a task sits under; ("", "") at top level."""
    if node.parent is None or node.parent.parent is None:
        return "", ""
    heading = split_labels(node.parent.lines[0])[0] or next(iter(node.parent.lines[1:]), "")
    return node.parent.numeral, _first_sentence(heading).rstrip("：:")


def _task_nodes(root: _Node, rank: float) -> list[_Node]:
    """Task-level items under headings that have at least one labelled task-level item."""
    at_rank = [n for n in root.walk() if n.rank == rank]
    owned = {_owner(n) for n in root.walk() if n is not root and _has_labels(n)}
    counted = {n.parent for n in at_rank if n in owned}
    return [n for n in at_rank if n.parent in counted]


def _group_by_category(nodes: list[_Node]) -> list[list[_Node]]:
    """Consecutive runs of task nodes sharing a parent."""
    groups: list[list[_Node]] = []
    for node in nodes:
        if groups and groups[-1][0].parent is node.parent:
            groups[-1].append(node)
        else:
            groups.append([node])
    return groups


# ---------------------------------------------------------------- warnings


def _numbering_warnings(groups: list[list[_Node]], tasks: list[ParsedTask]) -> None:
    """Flag gaps: numbering may restart at 1 under each heading or run on across headings."""
    previous, index = 0, 0
    for group in groups:
        for position, node in enumerate(group):
            value = _numeral_value(node.numeral)
            if value is None:
                index += 1
                continue
            expected = previous + 1
            if position == 0 and value == 1:
                expected = 1
            if value != expected:
                tasks[index].warnings.append(f"编号不连续：期望 {expected}，实际 {value}")
            previous, index = value, index + 1


def _missing_warnings(tasks: list[ParsedTask]) -> list[str]:
    """Per-task warnings for fields other tasks have; plan warnings for fields no task has."""
    checks = {
        "牵头单位": lambda t: t.lead_units,
        "责任单位": lambda t: t.responsible_units,
        "完成时限": lambda t: t.deadline_text,
    }
    in_plan = {name for name, has in checks.items() if any(has(t) for t in tasks)}
    for task in tasks:
        task.warnings[:0] = [
            f"未识别到{name}" for name, has in checks.items() if name in in_plan and not has(task)
        ]
    return [f"全文未识别到{name}" for name in checks if name not in in_plan]


# ---------------------------------------------------------------- title and 文号

_TITLE_SUFFIX = re.compile(r"(?:方案|意见|措施|办法|规定|细则|计划|要点|清单|分工|规划|决定|机制|报告)$")
_COVER_SUFFIX = re.compile(r"(?:通知|通报|函)$")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,10}\s*[〔\[［【（]\s*\d{4}\s*[〕\]］】）]\s*第?\s*\d{1,4}\s*[号號]"
)


def _title_candidates(lines: list[str]) -> list[str]:
    """Short lines that could be a title: no full stop, not an addressee line ending in ：."""
    return [
        line
        for line in lines
        if len(line) <= 60 and "。" not in line and not line.endswith(("：", ":")) and not _match_marker(line)
    ]


def _find_title(header: list[str]) -> str:
    """A plan title, preferring it over the covering 通知 that wraps it."""
    candidates = _title_candidates(header)
    for pattern in (_TITLE_SUFFIX, _COVER_SUFFIX):
        found = next((line for line in candidates if pattern.search(to_label_script(line))), None)
        if found:
            return found
    return candidates[0] if candidates else ""


def _find_doc_number(header: list[str]) -> str:
    """The first 文号 such as 乌政发〔2023〕9号 in the lines before the outline."""
    for line in header:
        m = _DOC_NUMBER.search(line)
        if m:
            return re.sub(r"^(?:发文字号|文号)", "", re.sub(r"\s+", "", m.group()))
    return ""


# ---------------------------------------------------------------- API


def parse_plan(text: str) -> ParsedPlan:
    """Parse plan text into title, 文号, categories and tasks."""
    lines = [line.strip() for line in normalize_text(text).split("\n")]
    lines = [line for line in lines if line]
    first_marker = next((i for i, line in enumerate(lines) if _match_marker(line)), len(lines))
    header = lines[:first_marker] or lines[:1]
    plan = ParsedPlan(_find_title(header), _find_doc_number(header), [], [])
    if not plan.title:
        plan.warnings.append("未识别到方案标题")
    root = _build_outline(lines)
    rank = _task_rank(root)
    nodes = _task_nodes(root, rank) if rank is not None else []
    if not nodes:
        plan.warnings.append("未识别到任务：没有带牵头/责任单位或完成时限标注的条目")
        return plan
    groups = _group_by_category(nodes)
    width = max(2, len(str(len(groups))), *(len(str(len(group))) for group in groups))
    for group in groups:
        category = _category_of(group[0])
        if category != ("", "") and category not in plan.categories:
            plan.categories.append(category)
        # Tasks outside any heading sort first, under category 0.
        index = plan.categories.index(category) + 1 if category in plan.categories else 0
        for position, node in enumerate(group, start=1):
            plan.tasks.append(_make_task(node, category, f"{index:0{width}d}.{position:0{width}d}"))
    _numbering_warnings(groups, plan.tasks)
    plan.warnings += _missing_warnings(plan.tasks)
    return plan


def read_docx(source) -> str:
    """Text of a .docx (path, bytes or file-like): paragraphs and table rows in order, joined by newlines."""
    # Streamed with a size and length cap (fuyuan.lib.docx_read): an uploaded plan may be a decompression bomb.
    from fuyuan.lib.docx_read import read_docx_text

    return read_docx_text(source, table_lines=table_lines)


def to_dict(plan: ParsedPlan) -> dict:
    """The JSON-ready summary a CLI prints: title, 文号 and tasks with ISO due dates."""
    keys = ("number", "category", "title", "lead_units", "responsible_units")
    keys += ("deadline_text", "deadline_kind")
    tasks = []
    for task in plan.tasks:
        data = {key: getattr(task, key) for key in keys}
        data["due_date"] = task.due_date.isoformat() if task.due_date else None
        tasks.append(data)
    return {"title": plan.title, "doc_number": plan.doc_number, "tasks": tasks}
