"""Reading 府院联动 plans (实施方案 / 工作方案 / 任务分工 …) into categories and supervised tasks.

Pure string logic, split by responsibility: ``text`` (normalisation), ``segmentation`` (lines, furniture,
inline items, .docx), ``tables`` (task tables, flattened or not), ``numbering`` (list numbers and the
outline), ``labels`` (label words by role, prose leads), ``units`` (unit lists), ``deadlines`` (deadline
phrases) and ``reader`` (the task level, tasks, warnings and unused lines); ``corpus`` scores the reader on
the real plans of ``tests/fixtures/plans`` and their layout variants.
"""

from .deadlines import DEADLINE_DATE, DEADLINE_LONG_TERM, DEADLINE_NONE, DEADLINE_PERIODIC, parse_deadline
from .reader import ParsedPlan, ParsedTask, add_unused_lines, parse_plan, task_from_line, to_dict
from .segmentation import read_docx
from .units import split_units

__all__ = [
    "DEADLINE_DATE",
    "DEADLINE_LONG_TERM",
    "DEADLINE_NONE",
    "DEADLINE_PERIODIC",
    "ParsedPlan",
    "ParsedTask",
    "add_unused_lines",
    "parse_deadline",
    "parse_plan",
    "read_docx",
    "split_units",
    "task_from_line",
    "to_dict",
]
