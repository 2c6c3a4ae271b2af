"""The next step on each ledger row, as the reader's own to-do: a fixed few queries for a page, whatever its size.

For a unit's liaison (or issuer) it is their unit's part: 签收, 报送 for the oldest period the unit owes
(缺报), the reason the closure was sent back, 回复 for a suggestion's reply item, or 等待审核 while the
closure is being reviewed. For the office it is the item's next office action: 交办, 审核办结, 审批延期,
催办 when it is overdue or 缺报. Everyone else (a leader) gets nothing.

Kept apart from the ledger's row rendering: the view passes `next_steps(...)` for the page to `ledger_rows`, and
the row shows the step when there is one.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import UNIT_ROLES, Role, has_role
from fuyuan.lib.sql import fetch, fetch_as, name, placeholders
from fuyuan.lib.text import clipper

from . import deadlines, report_state
from .models import OPEN_STATUSES, ClosureRequest, Decision, ExtensionRequest, Origin, Status, TaskUnit, UnitRole

REASON_CHARS = 40  # a sent-back reason on a card: its start, the task page has the rest


def next_steps(user, rows, today: datetime.date | None = None) -> dict[int, str]:
    """{task pk: the next step's label} for the ledger page's rows that have one for `user`.

    `rows`: the page's value rows (pk, status, origin, cycle, light, missing_report as the ledger reads them
    for `today`). The steps read the item's columns from them and query only what the rows do not hold, in
    plain queries whatever the page's size: the office, the pending extensions; a unit, its own assignment
    rows and, for the items it leads, the latest closure's decision.
    """
    rows = list(rows)
    if not rows:
        return {}
    today = today or timezone.localdate()
    if has_role(user, Role.OFFICE):
        waiting = _pending_extensions([row["pk"] for row in rows])
        return _office_steps_from((row["pk"], row["status"], row["origin"], row["light"], row["missing_report"],
                                   row["pk"] in waiting) for row in rows)
    if has_role(user, *UNIT_ROLES) and user.unit_id:
        return _unit_steps_from_page(user.unit_id, rows, today)
    return {}


def _pending_extensions(task_ids) -> set[int]:
    """The tasks among these with an extension request waiting for the office, in plain SQL (fuyuan.lib.sql):
    ExtensionRequest.objects.filter(task_id__in=…, decision=PENDING).values_list("task_id", flat=True)."""
    column = name(ExtensionRequest, "task")
    return {task_id for (task_id,) in fetch(
        f"SELECT {column} FROM {name(ExtensionRequest)} WHERE {name(ExtensionRequest, 'decision')} = %s "
        f"AND {column} IN ({placeholders(task_ids)})", [Decision.PENDING.value, *task_ids])}


def _unit_steps_from_page(unit_id, rows, today):
    """A unit's steps on the page: the item's columns from its rows, at most two plain queries for the rest."""
    page = {row["pk"]: row for row in rows if row["status"] in OPEN_STATUSES}
    if not page:
        return {}
    mine = _assignments(unit_id, list(page))
    # The latest closure's decision matters only where the unit leads, has signed and is not waiting for review.
    leading = [task_id for task_id, role, signed, _end in mine
               if role == UnitRole.LEAD and signed and page[task_id]["status"] != Status.CLOSURE_REQUESTED]
    latest = {}
    if leading:
        for task_id, decision, note in (ClosureRequest.objects.filter(task_id__in=leading)
                                        .order_by("task_id", "-requested_at", "-pk")
                                        .values_list("task_id", "decision", "decision_note")):
            latest.setdefault(task_id, (decision, note))
    return _unit_steps_from(((task_id, role, signed, end, page[task_id]["status"], page[task_id]["origin"],
                              page[task_id]["cycle"], *latest.get(task_id, (None, None)))
                             for task_id, role, signed, end in mine), today)


def _assignments(unit_id, task_ids) -> list[tuple]:
    """(task, part, signed, oldest unreported period's end) of the unit's assignments to these tasks, in plain
    SQL: TaskUnit.objects.filter(unit_id=…, task_id__in=…).values_list(…) (fuyuan.lib.sql)."""
    task = name(TaskUnit, "task")
    rows = fetch_as(f"SELECT {task}, {name(TaskUnit, 'role')}, {name(TaskUnit, 'signed_at')} IS NOT NULL, "
                    f"{name(TaskUnit, 'unreported_period_end')} FROM {name(TaskUnit)} "
                    f"WHERE {name(TaskUnit, 'unit')} = %s AND {task} IN ({placeholders(task_ids)})",
                    [unit_id, *task_ids], (None, None, None, TaskUnit._meta.get_field("unreported_period_end")))
    return [(task_id, role, bool(signed), end) for task_id, role, signed, end in rows]  # IS NOT NULL: 0/1 on SQLite


def _unit_steps_from(rows, today):
    """A unit's steps from (task, part, signed, oldest unreported period's end, status, origin, cycle, latest
    closure's decision and note) rows."""
    cutoff = report_state.missing_cutoff(today)
    reason = clipper(REASON_CHARS)
    steps = {}
    for task_id, role, signed, unreported_end, status, origin, cycle, decision, note in rows:
        lead = role == UnitRole.LEAD
        if status == Status.CLOSURE_REQUESTED:
            step = _("Waiting for review")
        elif not signed:
            step = _("Sign for")
        elif lead and decision == Decision.REJECTED:
            step = _("Sent back: %(reason)s") % {"reason": reason(note or "—")}
        elif unreported_end is not None and cycle and unreported_end < cutoff:
            period = deadlines.period_containing(unreported_end, cycle)
            step = _("Report (missing %(period)s)") % {"period": period.label}
        elif lead and origin == Origin.SUGGESTION:
            step = _("Reply")
        else:
            continue
        steps[task_id] = step
    return steps


def _office_steps_from(rows):
    """The office's steps from (pk, status, origin, light, 缺报, an extension waiting) rows."""
    steps = {}
    for pk, status, origin, light, missing, extension_waiting in rows:
        if status == Status.DRAFT:
            step = _("Assign")
        elif status == Status.CLOSURE_REQUESTED and origin != Origin.SUGGESTION:
            step = _("Review the closure")
        elif extension_waiting and status in OPEN_STATUSES:
            step = _("Decide the extension")
        elif status in OPEN_STATUSES and (light == deadlines.OVERDUE or missing):
            step = _("Chase")
        else:
            continue
        steps[pk] = step
    return steps
