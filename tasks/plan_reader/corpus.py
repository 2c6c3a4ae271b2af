"""The plan corpus: real plans with hand-checked expectations (``tests/fixtures/plans/*.expected.json``),
the reader run on each, and the figures the README reports (found, extra, lead, responsible, deadline).

Figures are end to end: a task the reader missed counts against the lead, responsible and deadline
figures too, so a figure is "of the tasks in the documents, how many came out exactly right".
Run ``python manage.py plan_corpus`` (or ``python -m tasks.plan_reader.corpus``) to print the table.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from .reader import ParsedPlan, ParsedTask, parse_plan
from .text import normalize_text

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
                score.misses.append(f"{want['number']} {label}: expected {sorted(right) if isinstance(right, set) else right!r}"
                                    f", got {sorted(got) if isinstance(got, set) else got!r}")
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


def _cell(score: DocumentScore, count: int) -> str:
    value = score.percent(count)
    return "—" if value is None else f"{count}/{score.expected} {value:.1f}%"


def format_table(scores: list[DocumentScore], overall: DocumentScore) -> str:
    """A Markdown table: one row per document and the overall row."""
    rows = ["| document | tasks | found | extra | lead exact | responsible exact | deadline exact | refused |",
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
    out = format_table(scores, overall)
    if "--misses" in argv:
        out += "\n" + "\n".join(f"{s.name}: {miss}" for s in scores for miss in s.misses)
    print(out)
    return out


if __name__ == "__main__":
    main()
