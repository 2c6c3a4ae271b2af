"""The office edits an item after creation or import: title, category, units, deadline.

One service, one transaction: each change is a line of the item's timeline and an audit entry. A deadline the
office moves needs a reason and is recorded as 「联席办调整时限」, distinct from an extension the unit asked
for. Units added are notified; a unit removed keeps its history (its part is kept as a RemovedAssignment, its
reports, reminders and timeline lines stay with the item).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.lib.dates import arabic_date

from . import report_state
from .models import (
    OPEN_STATUSES,
    DeadlineKind,
    Decision,
    EventKind,
    RemovedAssignment,
    Status,
    TaskUnit,
    UnitRole,
)
from .services import TransitionRefused, _event, _lock, _notify_units, _require_office, _require_status


@transaction.atomic
def edit_task(*, task, by, title, category, lead_units, responsible_units, due_date: datetime.date | None = None,
              deadline_reason="", removal_reason="", request=None) -> list[str]:
    """Apply the office's edits; returns a line per change. Refuses a closed or cancelled item, or no change."""
    _require_office(by)
    task = _lock(task)
    _require_status(task, Status.DRAFT, *OPEN_STATUSES, message=_("A closed or cancelled item cannot be edited."))
    title = (title or "").strip()[:300]
    if not title:
        raise TransitionRefused(_("An item needs a title."))
    lead_units = list(dict.fromkeys(lead_units))
    responsible_units = [unit for unit in dict.fromkeys(responsible_units) if unit not in lead_units]
    if not lead_units:
        raise TransitionRefused(_("Name the lead unit."))
    changes = []
    if title != task.title:
        changes.append(_("Title: %(old)s → %(new)s") % {"old": task.title, "new": title})
        task.title = title
    if category != task.category:
        changes.append(_("Category: %(old)s → %(new)s") % {"old": task.category or "—", "new": category or "—"})
        task.category = category
        task.plan = category.plan if category else task.plan
    if changes:
        task.save(update_fields=["title", "category", "plan", "updated_at"])
        for line in changes:
            _event(task, EventKind.EDITED, by=by, text=line, request=request)
    owing = _change_deadline(task, by, due_date, deadline_reason, request)
    owing += _change_units(task, by, lead_units, responsible_units, removal_reason, request)
    if owing:
        # Who owes reports (a unit added owes from the item's assignment; a unit removed no longer counts) or
        # whether any are owed (a date deadline) changed: the stored 缺报 state follows now, not at the next report.
        report_state.refresh(task)
    changes += owing
    if not changes:
        raise TransitionRefused(_("Nothing was changed."))
    return changes


def _change_deadline(task, by, due_date, reason, request):
    """A new date (also for a long-term or undated item, which then becomes due on it) needs a reason."""
    if due_date is None or (task.deadline_kind == DeadlineKind.DATE and due_date == task.due_date):
        return []
    if not reason.strip():
        raise TransitionRefused(_("Give the reason for changing the deadline."))
    old = arabic_date(task.due_date) if task.deadline_kind == DeadlineKind.DATE else str(task.deadline_display)
    task.deadline_kind, task.due_date, task.cycle = DeadlineKind.DATE, due_date, ""
    task.save(update_fields=["deadline_kind", "due_date", "cycle", "updated_at"])
    line = _("Deadline %(old)s → %(new)s: %(reason)s") % {"old": old, "new": arabic_date(due_date),
                                                         "reason": reason.strip()}
    _event(task, EventKind.DEADLINE_CHANGED, by=by, text=line, request=request)
    if task.status != Status.DRAFT:
        _notify_units(task, [a.unit for a in task.assignments.select_related("unit")],
                      _("Deadline changed by the office: %(title)s — %(line)s") % {"title": task.title, "line": line})
    return [line]


def _change_units(task, by, lead_units, responsible_units, reason, request):
    wanted = {unit.pk: (unit, UnitRole.LEAD) for unit in lead_units}
    wanted.update({unit.pk: (unit, UnitRole.RESPONSIBLE) for unit in responsible_units})
    current = {a.unit_id: a for a in task.assignments.select_related("unit")}
    changes = []
    for unit_id, assignment in current.items():
        if unit_id not in wanted:
            changes.append(_remove(task, assignment, by, reason, request))
        elif wanted[unit_id][1] != assignment.role:
            before = assignment.get_role_display()
            assignment.role = wanted[unit_id][1]
            assignment.save(update_fields=["role"])
            line = _("%(unit)s: %(old)s → %(new)s") % {"unit": assignment.unit.name, "old": before,
                                                       "new": assignment.get_role_display()}
            _event(task, EventKind.EDITED, by=by, unit=assignment.unit, text=line, request=request)
            changes.append(line)
    added = []
    order = max((a.order for a in current.values()), default=-1) + 1
    for unit_id, (unit, role) in wanted.items():
        if unit_id not in current:
            TaskUnit.objects.create(task=task, unit=unit, role=role, order=order)
            order += 1
            added.append(unit)
            line = _("%(unit)s added as %(part)s") % {"unit": unit.name, "part": UnitRole(role).label}
            _event(task, EventKind.UNIT_ADDED, by=by, unit=unit, text=line, request=request)
            changes.append(line)
    if added and task.status != Status.DRAFT:
        _notify_units(task, added, _("New item assigned to your unit: %(title)s") % {"title": task.title})
    return changes


def _remove(task, assignment, by, reason, request):
    """Take a unit off the item; refused while it has a request waiting for the office."""
    pending = (task.extensions.filter(unit=assignment.unit, decision=Decision.PENDING).exists()
               or task.closures.filter(unit=assignment.unit, decision=Decision.PENDING).exists())
    if pending:
        raise TransitionRefused(_("%(unit)s has a request waiting for a decision; decide it before removing the unit.")
                                % {"unit": assignment.unit.name})
    RemovedAssignment.objects.create(task=task, unit=assignment.unit, role=assignment.role,
                                     via_group=assignment.via_group, signed_at=assignment.signed_at,
                                     removed_at=timezone.now(), removed_by=by, reason=reason.strip()[:500])
    assignment.delete()
    line = _("%(unit)s removed (was %(part)s)") % {"unit": assignment.unit.name, "part": assignment.get_role_display()}
    if reason.strip():
        line = f"{line}：{reason.strip()}"
    _event(task, EventKind.UNIT_REMOVED, by=by, unit=assignment.unit, text=line, request=request)
    if task.status != Status.DRAFT:
        _notify_units(task, [assignment.unit], _("Your unit was taken off the item: %(title)s") % {"title": task.title})
    return line
