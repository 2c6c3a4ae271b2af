"""The plan corpus: real plans with hand-checked expectations (``tests/fixtures/plans/*.expected.json``),
the reader run on each, and the figures the README reports (found, extra, lead, responsible, deadline).

Figures are end to end: a task the reader missed counts against the lead, responsible and deadline
figures too, so a figure is "of the tasks in the documents, how many came out exactly right".
Run ``python manage.py plan_corpus`` (or ``python -m tasks.plan_reader.corpus``) to print the table.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from .labels import DEADLINE, LABEL_RE, LEAD, PERSON, RESPONSIBLE, _kind_of
from .numbering import _match_marker
from .reader import ParsedPlan, ParsedTask, parse_plan
from .text import normalize_text, to_label_script

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "plans"
_TRAILING = " 。.，,；;、：:"


@dataclass
class DocumentScore:
    """How the reader did on one document."""

    name: str
    expected: int = 0
    found: int = 0
    extra: int = 0
    lead_exact: int = 0
    responsible_exact: int = 0
    deadline_exact: int = 0
    refused: bool = False
    misses: list[str] = field(default_factory=list)  # one line per difference, for reading by eye

    def add(self, other: "DocumentScore") -> None:
        """Add another document's counts (for the overall row)."""
        for name in ("expected", "found", "extra", "lead_exact", "responsible_exact", "deadline_exact"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.refused = self.refused or other.refused

    def percent(self, count: int) -> float | None:
        """count as a percentage of the expected tasks (None for a document that has none)."""
        return 100.0 * count / self.expected if self.expected else None


def _canon(text: str | None) -> str:
    """Compare texts whatever their punctuation width or trailing full stop."""
    return normalize_text(text or "").strip().rstrip(_TRAILING)


def _units(units: list[str]) -> set[str]:
    return {_canon(unit) for unit in units}


def _starts_with(task: ParsedTask, title: str) -> bool:
    """True when the task's text begins with the expected first words."""
    return _canon(task.body).startswith(_canon(title)) or _canon(task.title).startswith(_canon(title))


def _shown(value: set[str] | str) -> str:
    return repr(sorted(value) if isinstance(value, set) else value)


def match_tasks(expected: list[dict], tasks: list[ParsedTask]) -> list[tuple[dict, ParsedTask | None]]:
    """Pair each expected task with a parsed one: same number and first words, else the first words alone."""
    free = list(tasks)
    pairs = []
    for want in expected:
        found = next((t for t in free if t.number == want["number"] and _starts_with(t, want["title"])), None)
        found = found or next((t for t in free if _starts_with(t, want["title"])), None)
        if found is not None:
            free.remove(found)
        pairs.append((want, found))
    return pairs


def score_document(name: str, plan: ParsedPlan | None, expected: dict) -> DocumentScore:
    """Score one parsed plan (None when the reader raised) against its expectations."""
    wanted = expected["tasks"]
    score = DocumentScore(name, expected=len(wanted))
    if plan is None:
        score.refused = True
        score.misses.append("the reader raised")
        return score
    pairs = match_tasks(wanted, plan.tasks)
    matched = {id(task) for _, task in pairs if task is not None}
    score.extra = sum(id(task) not in matched for task in plan.tasks)
    score.misses += [f"extra {t.number} {t.title[:30]}" for t in plan.tasks if id(t) not in matched]
    for want, task in pairs:
        if task is None:
            score.misses.append(f"missed {want['number']} {want['title'][:30]}")
            continue
        score.found += 1
        checks = (
            ("lead_exact", "lead", _units(want["lead_units"]), _units(task.lead_units)),
            ("responsible_exact", "responsible", _units(want["responsible_units"]), _units(task.responsible_units)),
            ("deadline_exact", "deadline", _canon(want["deadline_text"]), _canon(task.deadline_text)),
        )
        for counter, label, right, got in checks:
            if right == got:
                setattr(score, counter, getattr(score, counter) + 1)
            else:
                score.misses.append(f"{want['number']} {label}: expected {_shown(right)}, got {_shown(got)}")
    # Refused: the reader raised, or gave no task from a document that has some.  (A document without tasks
    # is judged by its extra tasks; that its lines still reach the review page is tested elsewhere.)
    score.refused = bool(wanted) and not plan.tasks
    return score


def load_corpus(directory: Path = CORPUS_DIR) -> list[tuple[str, str, dict]]:
    """(name, text, expectations) for every document that has an ``.expected.json``, sorted by name."""
    documents = []
    for path in sorted(directory.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        text = (directory / expected["document"]).read_text(encoding="utf-8")
        documents.append((path.name.removesuffix(".expected.json"), text, expected))
    return documents


def score_corpus(directory: Path = CORPUS_DIR) -> tuple[list[DocumentScore], DocumentScore]:
    """Per-document scores and the overall row."""
    scores = []
    for name, text, expected in load_corpus(directory):
        try:
            plan = parse_plan(text)
        except Exception:  # noqa: BLE001 — a crash is what the figure must show, not hide
            plan = None
        scores.append(score_document(name, plan, expected))
    overall = DocumentScore("overall")
    for score in scores:
        overall.add(score)
    return scores, overall


# ---------------------------------------------------------------- format variants
#
# Not new documents: the task-bearing documents of the corpus re-typed in the other layouts real plans use
# for the same content (the expectations do not change).  They measure whether the reader depends on the
# layout of the two documents it was written against.  Each works on any document whose labels stand on
# lines of their own.

_SYNONYM = {LEAD: "主办单位", RESPONSIBLE: "配合单位", DEADLINE: "时间进度", PERSON: "责任领导"}
_ROLE_WORD = {LEAD: "牵头", RESPONSIBLE: "配合"}
_TRADITIONAL_LABEL = str.maketrans("牵头责单门时间进度协办", "牽頭責單門時間進度協辦")


def _label_items(text: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Non-empty lines, each with the own-line labels that follow it: (line, [(word, kind, value)])."""
    items: list[tuple[str, list[tuple[str, str, str]]]] = []
    for line in normalize_text(text).split("\n"):
        line = line.strip()
        m = LABEL_RE.match(to_label_script(line)) if line else None
        if m and items:
            items[-1][1].append((line[: m.end()].rstrip("： "), _kind_of(m), line[m.end() :].strip(" 。")))
        elif line:
            items.append((line, []))
    return items


def _synonyms(text: str) -> str:
    """Other label words of the same role: 主办单位 / 配合单位 / 时间进度."""
    return "\n".join(line + "".join(f"\n{_SYNONYM[kind]}：{value}" for _, kind, value in labels)
                     for line, labels in _label_items(text))


def _traditional_labels(text: str) -> str:
    """The label words in traditional script (牽頭單位, 責任部門, 完成時限)."""
    return "\n".join(line + "".join(f"\n{word.translate(_TRADITIONAL_LABEL)}：{value}" for word, _, value in labels)
                     for line, labels in _label_items(text))


def _one_parenthetical(text: str) -> str:
    """All labels in one parenthetical closing the paragraph: 「…。（牵头单位：A；责任单位：B；完成时限：C）」."""
    return "\n".join(line + (f"（{'；'.join(f'{w}：{v}' for w, _, v in labels)}）" if labels else "")
                     for line, labels in _label_items(text))


def _parenthetical_per_label(text: str) -> str:
    """One parenthetical per label: 「…。（牵头单位：A）（责任单位：B）」."""
    return "\n".join(line + "".join(f"（{w}：{v}）" for w, _, v in labels) for line, labels in _label_items(text))


def _role_words(text: str) -> str:
    """Roles as words, no label: 「…。（A牵头，B配合，2021年4月30日）」 (B负责 when there is no lead)."""
    lines = []
    for line, labels in _label_items(text):
        kinds = {kind for _, kind, _ in labels}
        pieces = [v + (_ROLE_WORD[k] if k == LEAD or LEAD in kinds else "负责") for _, k, v in labels
                  if k in (LEAD, RESPONSIBLE) and v]
        pieces += [v for _, k, v in labels if k == DEADLINE and v]
        lines.append(line + (f"（{'，'.join(pieces)}）" if pieces else ""))
    return "\n".join(lines)


def _pipe_table(text: str) -> str:
    """The labelled items as a |-separated task table with category rows (序号|工作内容|… columns)."""
    items = _label_items(text)
    labelled = [i for i, (_, labels) in enumerate(items) if labels]
    if not labelled:
        return text
    starts = []  # the numbered line each labelled item starts on
    for end in labelled:
        start = end
        while start > 0 and not _match_marker(items[start][0]):
            start -= 1
        starts.append(start)
    first = starts[0] - 1 if starts[0] and _match_marker(items[starts[0] - 1][0]) else starts[0]
    kinds = [k for k in (LEAD, RESPONSIBLE, DEADLINE) if any(k == kind for i in labelled for _, kind, _ in items[i][1])]
    header = {LEAD: "牵头单位", RESPONSIBLE: "责任单位", DEADLINE: "完成时限"}
    rows, categories = ["|".join(["序号", "工作内容", *(header[k] for k in kinds)])], 0
    for start, end in zip(starts, labelled, strict=True):
        heading = items[start - 1][0] if start else ""
        found = _match_marker(heading)
        if found and found[1] < _match_marker(items[start][0])[1]:
            categories += 1
            rows.append(f"{'一二三四五六七八九十'[categories - 1]}、{heading[found[2].end():]}")
        marker = _match_marker(items[start][0])
        body = " ".join([items[start][0][marker[2].end():], *(line for line, _ in items[start + 1 : end + 1])])
        values = {kind: value for _, kind, value in items[end][1]}
        rows.append("|".join([marker[2].group(1), body, *(values.get(k, "") for k in kinds)]))
    return "\n".join([*(line for line, _ in items[:first]), *rows, *(line for line, _ in items[labelled[-1] + 1 :])])


VARIANTS = {
    "label synonyms": _synonyms,
    "traditional labels": _traditional_labels,
    "one parenthetical": _one_parenthetical,
    "parenthetical per label": _parenthetical_per_label,
    "role words": _role_words,
    "pipe table": _pipe_table,
}


def score_variants(directory: Path = CORPUS_DIR) -> tuple[list[DocumentScore], DocumentScore]:
    """One row per variant, over the corpus documents that have tasks."""
    rows = []
    documents = [(n, t, e) for n, t, e in load_corpus(directory) if e["tasks"]]
    for variant, rewrite in VARIANTS.items():
        row = DocumentScore(variant)
        for name, text, expected in documents:
            try:
                plan = parse_plan(rewrite(text))
            except Exception:  # noqa: BLE001
                plan = None
            score = score_document(name, plan, expected)
            row.add(score)
            row.misses += [f"{name}: {miss}" for miss in score.misses]
        rows.append(row)
    overall = DocumentScore("all variants")
    for row in rows:
        overall.add(row)
    return rows, overall


def _cell(score: DocumentScore, count: int) -> str:
    value = score.percent(count)
    return "—" if value is None else f"{count}/{score.expected} {value:.1f}%"


def format_table(scores: list[DocumentScore], overall: DocumentScore, first: str = "document") -> str:
    """A Markdown table: one row per document (or variant) and the overall row."""
    rows = [f"| {first} | tasks | found | extra | lead exact | responsible exact | deadline exact | refused |",
            "|---|---|---|---|---|---|---|---|"]
    refused = sum(s.refused for s in scores)
    for score in [*scores, overall]:
        refused_cell = f"{refused}/{len(scores)}" if score is overall else ("yes" if score.refused else "no")
        rows.append(f"| {score.name} | {score.expected} | {_cell(score, score.found)} | {score.extra} "
                    f"| {_cell(score, score.lead_exact)} | {_cell(score, score.responsible_exact)} "
                    f"| {_cell(score, score.deadline_exact)} | {refused_cell} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> str:
    """The table and, with ``--misses``, every difference; returns what it printed."""
    import sys

    argv = sys.argv[1:] if argv is None else argv
    scores, overall = score_corpus()
    variants, all_variants = score_variants()
    out = format_table(scores, overall) + "\n\n" + format_table(variants, all_variants, "variant")
    if "--misses" in argv:
        out += "\n" + "\n".join(f"{s.name}: {miss}" for s in [*scores, *variants] for miss in s.misses)
    print(out)
    return out


if __name__ == "__main__":
    main()
