"""The reader: a plan's lines → outline → the task level → categories and tasks, with warnings, notes
and the lines no task used.  It never refuses a text.

How a document is read:

1. The text is normalised (``text.normalize_text``): full-width and ASCII punctuation give
   the same result, and all printed text in the output uses the canonical Chinese punctuation.
2. Every paragraph that starts with a list number opens a node in an outline.  The styles rank
   一、 > （一） > 1. / 1、 > 1.1 > （1） > 1） > ①, whatever order the document uses them in;
   paragraphs without a number belong to the node above them.  "6.2%" or "2.5倍" never open a node
   because a list number is not followed by a digit.
3. Labels are read from each paragraph: a paragraph that starts with 牵头单位： / 责任单位： / 完成时限：
   (and the other label words in ``labels``), labels after the last sentence, or closing
   parentheticals made only of labels such as （市法制局牵头，市编办配合，2005年完成） — several in a row are
   all read, and unit names alone in one after the full stop are responsible units (with a note).
4. **The task level** is the outline level whose items carry those labels.  A label paragraph that
   only follows the last of several unlabelled sub-items (``1.…`` ``2.…`` then ``牵头单位：…``) is
   credited to the item above them.  The level credited most often is the task level.
5. **The task section**: a heading directly above the task level is a category only when at least
   one of its task-level items carries a label.  So preambles (指导思想, 工作目标), 联席会议 member
   lists and closing sections (组织领导, 保障措施) produce no tasks.  A document without any label
   falls back to items whose lead is named in prose (由X牵头, X牵头负责), with a warning.
6. Units come from the labels; when an item has no lead label, "由X牵头" in its text gives the
   lead, then a "（牵头）" mark in its responsible list.  Dates in the prose are never deadlines.
7. Numbered or labelled lines outside every task are returned as ``unused_lines`` for the office to
   turn into tasks on the review page.
"""

import datetime
import re
from dataclasses import dataclass, field

from .deadlines import DEADLINE_NONE, parse_deadline
from .labels import Labels, prose_leads, split_labels
from .numbering import _build_outline, _match_marker, _Node, _numeral_value
from .segmentation import prepare_lines
from .text import to_label_script
from .units import marked_leads, units_of


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
    notes: list[str] = field(default_factory=list)  # where the parser guessed: check these by eye
    person_text: str = ""  # 牵头领导 / 责任人: people, kept as printed, never units


@dataclass
class ParsedPlan:
    """A parsed plan: its title, 文号, categories and tasks, and the lines no task used."""

    title: str
    doc_number: str
    categories: list[tuple[str, str]]
    tasks: list[ParsedTask]
    warnings: list[str] = field(default_factory=list)
    # Numbered or labelled lines that became neither a task nor a category: possibly missed tasks.
    unused_lines: list[str] = field(default_factory=list)
    added_lines: list[int] = field(default_factory=list)  # unused lines the office made into tasks


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


def _prose_led(node: _Node) -> bool:
    """True when the node's own text names a lead unit in prose (由X牵头, X牵头负责, X负责落实)."""
    return bool(prose_leads("\n".join(text for text, _ in node.parts)))


def _labelled(root: _Node) -> tuple[set, bool]:
    """The nodes that carry labels, or (for a document without any) those with a lead named in prose."""
    nodes = {n for n in root.walk() if n is not root and _has_labels(n)}
    if nodes:
        return nodes, False
    return {n for n in root.walk() if n is not root and _prose_led(n)}, True


def _task_rank(root: _Node, labelled: set) -> float | None:
    """The outline rank whose items carry the labels most often (shallower on ties)."""
    counts: dict[float, int] = {}
    for node in labelled:
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
    lead_units = units_of(labels.lead)
    if not lead_units and (lead_units := prose_leads(body)):
        labels.notes.append("牵头单位由正文推断")
    lead_units = lead_units or marked_leads(responsible_text)
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
        person_text="；".join(t for t in labels.person if t),
    )
    task.notes += labels.notes
    if deadline_text and kind == DEADLINE_NONE:
        task.warnings.append(f"完成时限无法解析：{deadline_text}")
    return task


def _category_of(node: _Node) -> tuple[str, str]:
    """(numeral, title) of the heading a task sits under; ("", "") at top level."""
    if node.parent is None or node.parent.parent is None:
        return "", ""
    heading = split_labels(node.parent.lines[0])[0] or next(iter(node.parent.lines[1:]), "")
    return node.parent.numeral, _first_sentence(heading).rstrip("：:")


def _task_nodes(root: _Node, rank: float, labelled: set) -> list[_Node]:
    """Task-level items under headings that have at least one labelled task-level item."""
    at_rank = [n for n in root.walk() if n.rank == rank]
    owned = {_owner(n) for n in labelled}
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


# Web-page and document furniture: never a task, never a "missed" line.
def _unused_lines(lines: list[str], root: _Node, tasks: list[_Node], headings: set[_Node]) -> list[str]:
    """Lines that may be missed tasks: labelled or prose-led lines outside every task, and numbered
    items at the task level (any level when no task was found) that are neither tasks nor headings."""
    used: set[int] = set()
    for node in tasks:
        for sub in node.walk():
            used.update(sub.line_numbers)
    for heading in headings:
        used.update(heading.line_numbers[:1])
    task_ranks = {node.rank for node in tasks}
    candidates = []
    for node in root.walk():
        for i, number in enumerate(node.line_numbers):
            if number in used:
                continue
            line = lines[number]
            item = node is not root and i == 0 and not node.children
            at_level = item and (not task_ranks or node.rank in task_ranks)
            if at_level or split_labels(line)[1] or prose_leads(line):
                candidates.append(number)
    return [lines[n] for n in sorted(candidates)]


def parse_plan(text: str) -> ParsedPlan:
    """Parse plan text into title, 文号, categories and tasks; never refuse a text, warn instead."""
    lines = prepare_lines(text)
    first_marker = next((i for i, line in enumerate(lines) if _match_marker(line)), len(lines))
    header = lines[:first_marker] or lines[:1]
    plan = ParsedPlan(_find_title(header), _find_doc_number(header), [], [])
    if not plan.title:
        plan.warnings.append("未识别到方案标题")
    root = _build_outline(lines)
    labelled, from_prose = _labelled(root)
    rank = _task_rank(root, labelled)
    nodes = _task_nodes(root, rank, labelled) if rank is not None else []
    if not nodes:
        plan.warnings.append("未识别到任务：没有带牵头/责任单位或完成时限标注的条目")
        plan.unused_lines = _unused_lines(lines, root, [], set())
        return plan
    if from_prose:
        plan.warnings.append("全文没有牵头/责任单位标注：按正文中的“由…牵头”“…负责落实”识别任务，请逐条核对")
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
    headings = {n.parent for n in nodes if n.parent is not None}
    plan.unused_lines = _unused_lines(lines, root, nodes, headings)
    return plan


def task_from_line(line: str, number: str, sort_key: str) -> ParsedTask:
    """A task the office made from a line the parser did not use (its labels still read)."""
    found = _match_marker(line)
    node = _Node("added", 9.0, number, "", [line[found[2].end():] if found else line])
    task = _make_task(node, ("", ""), sort_key)
    task.notes.append("由未识别的行手工转为任务")
    return task


def add_unused_lines(plan: ParsedPlan, indexes: list[int]) -> list[int]:
    """Turn the chosen unused lines into tasks at the end of the plan; the indexes actually added."""
    added = []
    for index in sorted(set(indexes)):
        if 0 <= index < len(plan.unused_lines):
            n = len(added) + 1
            plan.tasks.append(task_from_line(plan.unused_lines[index], f"补{n}", f"99.{n:03d}"))
            added.append(index)
    return added



def to_dict(plan: ParsedPlan) -> dict:
    """The JSON-ready summary a CLI prints: title, 文号 and tasks with ISO due dates."""
    keys = ("number", "category", "title", "lead_units", "responsible_units")
    keys += ("deadline_text", "deadline_kind", "warnings", "notes")
    tasks = []
    for task in plan.tasks:
        data = {key: getattr(task, key) for key in keys}
        data["due_date"] = task.due_date.isoformat() if task.due_date else None
        tasks.append(data)
    return {"title": plan.title, "doc_number": plan.doc_number, "tasks": tasks, "warnings": plan.warnings,
            "unused_lines": plan.unused_lines}
