"""Every change to a supervised item: one function per transition.

Each function checks role, unit and state (refusing with `TransitionRefused` and a message the user
reads), locks the task row, writes, appends a timeline event and an audit entry, and queues in-app
notifications and emails for after the commit. Views only call these.
"""

import dataclasses
import datetime
import logging
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.accounts.models import User
from fuyuan.accounts.roles import UNIT_ROLES, Role, has_role
from fuyuan.audit.services import build_event
from fuyuan.lib.dates import arabic_date
from fuyuan.lib.sql import compiled_once, instances
from fuyuan.lib.upload_policy import ATTACHMENT, UploadRefused, check_upload
from fuyuan.lib.uploads import atomic_with_uploads
from fuyuan.messaging.models import MessageKind
from fuyuan.messaging.outbox import Outgoing
from fuyuan.messaging.outbox import queue as queue_messages
from fuyuan.units.models import MemberUnit

from . import deadlines, numbering, report_state
from .models import (
    OPEN_STATUSES,
    Attachment,
    ClosureRequest,
    DeadlineKind,
    Decision,
    EventKind,
    ExtensionRequest,
    Notification,
    Origin,
    ProgressReport,
    Reminder,
    ReminderReason,
    Status,
    Target,
    Task,
    TaskEvent,
    TaskUnit,
    UnitRole,
)

logger = logging.getLogger(__name__)


class TransitionRefused(Exception):
    """A transition that may not happen now, for this user; the message says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------- checks


def _require_office(user):
    if not has_role(user, Role.OFFICE):
        raise TransitionRefused(_("Only the joint-meeting office can do this."))


def _lock(task) -> Task:
    """Re-read the task under a row lock: concurrent transitions on one task queue up here.

    Task.objects.select_for_update().get(pk=…), its SQL compiled once per process (_locked): every transition
    pays this read. Like the ORM, it refuses to run outside a transaction (the lock would end at once).
    """
    from django.db import connection

    if connection.get_autocommit():
        raise transaction.TransactionManagementError("select_for_update cannot be used outside of a transaction.")
    rows = instances(*_locked(task.pk), Task)
    if not rows:
        raise Task.DoesNotExist("Task matching query does not exist.")
    return rows[0][0]


@compiled_once
def _locked(pk):
    return Task.objects.select_for_update().filter(pk=pk).values_list(
        *[field.attname for field in Task._meta.concrete_fields])


def _assignment(task, user, roles=(UnitRole.LEAD, UnitRole.RESPONSIBLE)) -> TaskUnit:
    """The acting user's unit's part in the task, or a refusal."""
    if not (has_role(user, *UNIT_ROLES) and user.unit_id):
        raise TransitionRefused(_("Only a liaison of an assigned unit can do this."))
    assignment = _unit_assignment(task.pk, user.unit_id)
    if assignment is None:
        raise TransitionRefused(_("Your unit is not assigned to this item."))
    if assignment.role not in roles:
        raise TransitionRefused(_("Only the lead unit can do this."))
    return assignment


def _unit_assignment(task_id, unit_id) -> TaskUnit | None:
    """TaskUnit.objects.filter(task=…, unit_id=…).select_related("unit").first() (one at most: a unique pair), its
    SQL compiled once per process (_unit_assignment_query)."""
    rows = instances(*_unit_assignment_query(task_id, unit_id), TaskUnit, MemberUnit)
    if not rows:
        return None
    assignment, unit = rows[0]
    assignment.unit = unit
    return assignment


@compiled_once
def _unit_assignment_query(task_id, unit_id):
    return TaskUnit.objects.filter(task_id=task_id, unit_id=unit_id).values_list(
        *[f.attname for f in TaskUnit._meta.concrete_fields],
        *[f"unit__{f.attname}" for f in MemberUnit._meta.concrete_fields])


def _require_status(task, *statuses, message=None):
    if task.status not in statuses:
        raise TransitionRefused(message or _("This item is %(status)s; that is not possible now.")
                                % {"status": task.get_status_display()})


def _today(today):
    return today or timezone.localdate()


# ---------------------------------------------------------------- records and messages


def _event(task, kind, *, by=None, unit=None, text="", before="", request=None):
    """Append a timeline event and the matching audit entry."""
    event, entry = timeline_entry(task, kind, by=by, unit=unit, text=text, before=before, request=request)
    event.save()
    entry.save()
    return event


def timeline_entry(task, kind, *, by=None, unit=None, text="", before="", request=None):
    """The unsaved timeline event and audit entry of one step (saved one by one, or in bulk by the scan)."""
    event = TaskEvent(task=task, kind=kind, unit=unit, actor=by if by and by.pk else None,
                      text=text, status_before=before or "", status_after=task.status)
    detail = {"transition": kind, "task": task.pk}
    if unit is not None:
        detail["unit"] = unit.name
    if before and before != task.status:
        detail["status"] = [before, task.status]
    if text:
        detail["text"] = text[:500]
    return event, build_event("transition", request=request, actor=by, target=task, detail=detail)


def unit_accounts(unit_ids):
    """The active accounts that act for these units (liaisons and issuers): who gets a unit's messages."""
    return User.objects.filter(unit_id__in=unit_ids, role__in=UNIT_ROLES, is_active=True)


def office_accounts():
    return User.objects.filter(role=Role.OFFICE, is_active=True)


@dataclasses.dataclass
class Notice:
    """One event told to one unit's accounts, or to the office's when `unit` is None."""

    task: Task | None
    text: str
    unit: MemberUnit | None = None
    reminder: Reminder | None = None
    kind: str = MessageKind.NOTICE
    path: str = ""


def notify(notices) -> list[list[str]]:
    """In-app notifications and outbox rows (e-mail, group robots, SMS) for many notices in a few queries.

    Runs in the caller's transaction, so a rollback leaves neither; the outbox worker sends after the commit.
    Returns, per notice, the e-mail addresses it goes to.
    """
    notices = list(notices)
    if not notices:
        return []
    accounts = defaultdict(list)
    for user in unit_accounts({n.unit.pk for n in notices if n.unit is not None}):
        accounts[user.unit_id].append(user)
    if any(n.unit is None for n in notices):
        accounts[None] = list(office_accounts())
    rows, outgoing, emailed = [], [], []
    for notice in notices:
        users = accounts[notice.unit.pk if notice.unit is not None else None]
        rows += [Notification(user=user, task=notice.task, reminder=notice.reminder, text=notice.text[:500])
                 for user in users]
        emails = {user.email: str(user) for user in users if user.email}
        emailed.append(sorted(emails))
        outgoing.append(Outgoing(
            subject=_("[Fuyuan] %(text)s") % {"text": notice.text[:80]}, text=_message_body(notice),
            unit_id=notice.unit.pk if notice.unit is not None else None, kind=notice.kind,
            task_id=notice.task.pk if notice.task else None,
            reminder_id=notice.reminder.pk if notice.reminder else None,
            path=notice.path or (reverse("tasks:detail", args=[notice.task.pk]) if notice.task else ""),
            emails=sorted(emails.items())))
    Notification.objects.bulk_create(rows)
    queue_messages(outgoing)
    return emailed


def _message_body(notice):
    if notice.task is None:
        return notice.text
    task = notice.task
    deadline = _("Deadline: %(deadline)s") % {"deadline": task.deadline_display}
    return f"{notice.text}\n\n{task.number} {task.title}\n{deadline}\n"


def _notify_office(task, text):
    """Tell the office's accounts."""
    return notify([Notice(task=task, text=text)])[0]


def _notify_units(task, units, text, *, reminder=None, kind=MessageKind.NOTICE):
    """Tell each unit's accounts (one message per unit, so each unit's reading is known)."""
    emailed = notify([Notice(task=task, text=text, unit=unit, reminder=reminder, kind=kind) for unit in units])
    return sorted({address for addresses in emailed for address in addresses})


def _lead_units(task):
    return [a.unit for a in task.assignments.select_related("unit") if a.role == UnitRole.LEAD]


# ---------------------------------------------------------------- creation and 交办


@transaction.atomic
def create_task(*, by, title, origin, lead_units=(), responsible_units=(), deadline_kind=DeadlineKind.DATE,
                due_date=None, deadline_text="", cycle="", number="", sort_key="", body="", plan=None,
                category=None, parent=None, lead_text="", responsible_text="", targets=(), check_role=True,
                request=None, via_groups=None) -> Task:
    """Create a draft item with its units in printed order; units named as lead are not repeated as responsible.

    `check_role=False` is for other apps' services (meeting decisions, suggestion replies) that have
    checked their own permission. `via_groups` {unit id: collective name} marks units named only through a
    printed collective.
    """
    if check_role:
        _require_office(by)
    if not title.strip():
        raise TransitionRefused(_("An item needs a title."))
    if deadline_kind == DeadlineKind.DATE and due_date is None:
        raise TransitionRefused(_("An item with a date deadline needs the date."))
    if deadline_kind in (DeadlineKind.LONG_TERM, DeadlineKind.PERIODIC) and not cycle:
        cycle = deadlines.QUARTERLY
    typed, number = number.strip(), _ledger_number(origin, number.strip())
    task = Task(origin=origin, title=title.strip()[:300], body=body, number=number, sort_key=sort_key or number,
                plan=plan, category=category, parent=parent, lead_text=lead_text, responsible_text=responsible_text,
                deadline_kind=deadline_kind, due_date=due_date if deadline_kind == DeadlineKind.DATE else None,
                deadline_text=deadline_text, cycle=cycle if deadline_kind != DeadlineKind.DATE else "",
                created_by=by if by and by.pk else None)
    task.full_clean(exclude=["units"])
    _save_numbered(task, origin, typed)
    seen = set()
    rows = []
    for role, units in ((UnitRole.LEAD, lead_units), (UnitRole.RESPONSIBLE, responsible_units)):
        for unit in units:
            if unit.pk not in seen:
                seen.add(unit.pk)
                rows.append(TaskUnit(task=task, unit=unit, role=role, order=len(rows),
                                     via_group=(via_groups or {}).get(unit.pk, "")))
    TaskUnit.objects.bulk_create(rows)
    for target in targets:
        Target.objects.create(task=task, **target)
    _event(task, EventKind.CREATED, by=by, request=request)
    return task


def _ledger_number(origin, number):
    """A free ledger number: the ad hoc series when none is typed; a typed number in use is refused."""
    if origin == Origin.ADHOC and not number:
        return numbering.next_adhoc_number()
    if origin == Origin.ADHOC and numbering.taken([number]):
        raise TransitionRefused(_("The number “%(number)s” is already used by another item in the ledger.")
                                % {"number": number})
    return numbering.free_number(number)


def _save_numbered(task, origin, typed):
    """Save a new task; if a concurrent creation took its number meanwhile, take the next free one."""
    for attempt in range(5):
        try:
            with transaction.atomic():
                task.save()
            return
        except IntegrityError:
            if attempt == 4 or not numbering.taken([task.number]):
                raise
            if origin == Origin.ADHOC and typed:
                raise TransitionRefused(_("The number “%(number)s” is already used by another item in the ledger.")
                                        % {"number": typed}) from None
            task.number = _ledger_number(origin, typed)


@transaction.atomic
def assign(*, task, by, today=None, check_role=True, request=None) -> Task:
    """交办: the office hands a draft item to its units, who are notified.

    `check_role=False` is for other apps' services that checked their own permission (a suggestion's issuer).
    """
    if check_role:
        _require_office(by)
    task = _lock(task)
    _require_status(task, Status.DRAFT, message=_("This item has already been assigned."))
    units = [a.unit for a in task.assignments.select_related("unit")]
    if not units:
        raise TransitionRefused(_("Name at least one unit before assigning the item."))
    before = task.status
    task.status = Status.ASSIGNED
    task.assigned_on = _today(today)
    task.save(update_fields=["status", "assigned_on", "updated_at"])
    report_state.refresh(task)
    _event(task, EventKind.ASSIGNED, by=by, before=before, request=request,
           text="、".join(unit.name for unit in units))
    _notify_units(task, units, _("New item assigned to your unit: %(title)s") % {"title": task.title},
                  kind=MessageKind.ASSIGNED)
    return task


@transaction.atomic
def sign(*, task, by, request=None) -> TaskUnit:
    """签收: a unit acknowledges the item; the first signature puts it in progress."""
    task = _lock(task)
    assignment = _assignment(task, by)
    _require_status(task, *OPEN_STATUSES)
    if assignment.signed_at:
        raise TransitionRefused(_("Your unit has already signed for this item."))
    _sign(task, assignment, by, request)
    return assignment


def _sign(task, assignment, by, request):
    assignment.signed_at = timezone.now()
    assignment.signed_by = by
    assignment.save(update_fields=["signed_at", "signed_by"])
    before = task.status
    if task.status == Status.ASSIGNED:
        task.status = Status.IN_PROGRESS
        task.save(update_fields=["status", "updated_at"])
    _event(task, EventKind.SIGNED, by=by, unit=assignment.unit, before=before, request=request)


# ---------------------------------------------------------------- the units' work


def _checked_uploads(uploads) -> list:
    """Every file under the upload policy before any is stored: one bad file refuses the whole submission."""
    uploads = [upload for upload in uploads or () if upload]
    for upload in uploads:
        try:
            check_upload(upload, ATTACHMENT)
        except UploadRefused as refusal:
            message = _("「%(name)s」: %(reason)s") % {"name": upload.name, "reason": refusal}
            raise TransitionRefused(message) from refusal
    return uploads


def _attach(uploads, **record) -> list[Attachment]:
    """Store each upload as an attachment of the report or closure request (files deleted if the service fails)."""
    return [Attachment.objects.create(file=upload, name=(upload.name or "").rsplit("/", 1)[-1][:255],
                                      size=upload.size, order=index, **record)
            for index, upload in enumerate(uploads)]


@atomic_with_uploads
def report_progress(*, task, by, text, period_key="", attachments=(), today=None, request=None) -> ProgressReport:
    """进展报送 by a lead or responsible unit; for long-term items, for one reporting period."""
    task = _lock(task)
    assignment = _assignment(task, by)
    _require_status(task, *OPEN_STATUSES)
    if not text.strip():
        raise TransitionRefused(_("Write what has been done."))
    if task.owes_periodic_reports:
        from .selectors import report_period_choices

        allowed = {p.key for p in report_period_choices(task, _today(today))}
        if period_key not in allowed:
            raise TransitionRefused(_("Choose the reporting period this report is for."))
    else:
        period_key = ""
    attachments = _checked_uploads(attachments)
    if not assignment.signed_at:
        # Reporting is the clearest acknowledgement there is: sign on the unit's behalf first.
        _sign(task, assignment, by, request)
    report = ProgressReport.objects.create(task=task, unit=assignment.unit, period_key=period_key, text=text.strip(),
                                           submitted_by=by)
    _attach(attachments, report=report)
    task.latest_report = report
    task.save(update_fields=["latest_report", "updated_at"])
    report_state.refresh_after_report(task, assignment, period_key)
    label = deadlines.period_from_key(period_key).label if period_key else ""
    _event(task, EventKind.REPORTED, by=by, unit=assignment.unit, request=request,
           text=f"{label} {text.strip()}".strip())
    return report


@transaction.atomic
def request_extension(*, task, by, new_due_date: datetime.date, reason, request=None) -> ExtensionRequest:
    """申请延期 by the lead unit: a later date and a reason, for the office to decide."""
    task = _lock(task)
    assignment = _assignment(task, by, roles=(UnitRole.LEAD,))
    _require_status(task, Status.ASSIGNED, Status.IN_PROGRESS)
    if task.deadline_kind != DeadlineKind.DATE or task.due_date is None:
        raise TransitionRefused(_("Only an item with a date deadline can be extended."))
    if new_due_date <= task.due_date:
        raise TransitionRefused(_("The new deadline must be later than the current one."))
    if not reason.strip():
        raise TransitionRefused(_("Give the reason for the extension."))
    if task.extensions.filter(decision=Decision.PENDING).exists():
        raise TransitionRefused(_("An extension request for this item is already waiting for a decision."))
    extension = ExtensionRequest.objects.create(task=task, unit=assignment.unit, old_due_date=task.due_date,
                                                new_due_date=new_due_date, reason=reason.strip(), requested_by=by)
    _event(task, EventKind.EXTENSION_REQUESTED, by=by, unit=assignment.unit, request=request,
           text=_("to %(date)s: %(reason)s") % {"date": arabic_date(new_due_date), "reason": reason.strip()})
    _notify_office(task, _("%(unit)s asks to extend: %(title)s")
            % {"unit": assignment.unit.name, "title": task.title})
    return extension


@transaction.atomic
def decide_extension(*, extension, by, approve: bool, note="", request=None) -> ExtensionRequest:
    """批准 / 驳回 an extension; approval moves the deadline, the old one stays on the request."""
    _require_office(by)
    task = _lock(extension.task)
    extension = ExtensionRequest.objects.get(pk=extension.pk)
    if extension.decision != Decision.PENDING:
        raise TransitionRefused(_("This extension request has already been decided."))
    if not approve and not note.strip():
        raise TransitionRefused(_("Give the reason for rejecting the extension."))
    extension.decision = Decision.APPROVED if approve else Decision.REJECTED
    extension.decision_note = note.strip()
    extension.decided_by = by
    extension.decided_at = timezone.now()
    extension.save()
    if approve:
        task.due_date = extension.new_due_date
        task.save(update_fields=["due_date", "updated_at"])
        text = _("deadline %(old)s → %(new)s") % {"old": arabic_date(extension.old_due_date),
                                                   "new": arabic_date(extension.new_due_date)}
        kind, message = EventKind.EXTENSION_APPROVED, _("Extension approved: %(title)s")
    else:
        text, kind, message = note.strip(), EventKind.EXTENSION_REJECTED, _("Extension rejected: %(title)s")
    if approve and note.strip():
        text = f"{text}；{note.strip()}"  # Chinese punctuation in text users read
    _event(task, kind, by=by, unit=extension.unit, text=text, request=request)
    _notify_units(task, [extension.unit], message % {"title": task.title}, kind=MessageKind.EXTENSION)
    return extension


@atomic_with_uploads
def request_closure(*, task, by, summary, attachments=(), today=None, for_suggestion=False,
                    request=None) -> ClosureRequest:
    """申请办结 by the lead unit with its evidence; the deadline is met if this happens on or before it."""
    task = _lock(task)
    if task.origin == Origin.SUGGESTION and not for_suggestion:
        raise TransitionRefused(_("Reply on the suggestion's page: the reply is what closes this item."))
    assignment = _assignment(task, by, roles=(UnitRole.LEAD,))
    if task.status == Status.CLOSURE_REQUESTED:
        raise TransitionRefused(_("Closure has already been requested; the office is reviewing it."))
    _require_status(task, Status.ASSIGNED, Status.IN_PROGRESS)
    if not summary.strip():
        raise TransitionRefused(_("Describe what was done to complete the item."))
    attachments = _checked_uploads(attachments)
    if not assignment.signed_at:
        _sign(task, assignment, by, request)
    closure = ClosureRequest.objects.create(task=task, unit=assignment.unit, summary=summary.strip(),
                                            requested_by=by)
    _attach(attachments, closure=closure)
    before = task.status
    task.status = Status.CLOSURE_REQUESTED
    task.closure_requested_on = _today(today)
    task.save(update_fields=["status", "closure_requested_on", "updated_at"])
    _event(task, EventKind.CLOSURE_REQUESTED, by=by, unit=assignment.unit, before=before, text=summary.strip(),
           request=request)
    _notify_office(task, _("%(unit)s asks to close: %(title)s")
            % {"unit": assignment.unit.name, "title": task.title})
    return closure


def _refuse_suggestion_reply(task, check_role):
    """A suggestion's reply is judged by its issuer (through suggestions.services), not by the office."""
    if task.origin == Origin.SUGGESTION and check_role:
        raise TransitionRefused(_("The issuing court or procuratorate evaluates this reply on the suggestion's page."))


def _pending_closure(task):
    closure = task.closures.filter(decision=Decision.PENDING).first()
    if closure is None:
        raise TransitionRefused(_("There is no closure request waiting for a decision."))
    return closure


@transaction.atomic
def close(*, task, by, note="", today=None, check_role=True, request=None) -> Task:
    """办结: the office (or, for a suggestion reply, the issuer checked by its service) accepts the closure."""
    if check_role:
        _require_office(by)
    task = _lock(task)
    _refuse_suggestion_reply(task, check_role)
    _require_status(task, Status.CLOSURE_REQUESTED,
                    message=_("Only an item whose closure was requested can be closed."))
    closure = _pending_closure(task)
    closure.decision, closure.decision_note = Decision.APPROVED, note.strip()
    closure.decided_by, closure.decided_at = by, timezone.now()
    closure.save()
    # A waiting extension is moot once the item is closed; left pending, approving it later would move the
    # deadline after the fact and turn a late closure into an on-time one.
    task.extensions.filter(decision=Decision.PENDING).update(
        decision=Decision.REJECTED, decided_by=by, decided_at=closure.decided_at,
        decision_note=_("The item was closed before the extension was decided."))
    before = task.status
    task.status = Status.CLOSED
    task.closed_on = _today(today)
    task.save(update_fields=["status", "closed_on", "updated_at"])
    _event(task, EventKind.CLOSED, by=by, unit=closure.unit, before=before, text=note.strip(), request=request)
    _notify_units(task, [a.unit for a in task.assignments.select_related("unit")],
                  _("Item closed: %(title)s") % {"title": task.title})
    return task


@transaction.atomic
def send_back(*, task, by, reason, check_role=True, request=None) -> Task:
    """退回: the office returns a closure request with a reason; the item is in progress again."""
    if check_role:
        _require_office(by)
    task = _lock(task)
    _refuse_suggestion_reply(task, check_role)
    _require_status(task, Status.CLOSURE_REQUESTED,
                    message=_("Only an item whose closure was requested can be sent back."))
    if not reason.strip():
        raise TransitionRefused(_("Give the reason for sending the item back."))
    closure = _pending_closure(task)
    closure.decision, closure.decision_note = Decision.REJECTED, reason.strip()
    closure.decided_by, closure.decided_at = by, timezone.now()
    closure.save()
    before = task.status
    task.status = Status.IN_PROGRESS
    task.closure_requested_on = None
    task.save(update_fields=["status", "closure_requested_on", "updated_at"])
    _event(task, EventKind.RETURNED, by=by, unit=closure.unit, before=before, text=reason.strip(), request=request)
    _notify_units(task, [closure.unit], _("Closure sent back: %(title)s — %(reason)s")
                  % {"title": task.title, "reason": reason.strip()}, kind=MessageKind.RETURNED)
    return task


@transaction.atomic
def cancel(*, task, by, reason, request=None) -> Task:
    """中止: the office stops an item with a reason; pending requests are closed with it."""
    _require_office(by)
    task = _lock(task)
    _require_status(task, Status.DRAFT, *OPEN_STATUSES,
                    message=_("A closed or cancelled item cannot be cancelled."))
    if not reason.strip():
        raise TransitionRefused(_("Give the reason for cancelling the item."))
    now = timezone.now()
    for pending in (task.extensions, task.closures):
        pending.filter(decision=Decision.PENDING).update(decision=Decision.REJECTED, decided_by=by, decided_at=now,
                                                         decision_note=reason.strip())
    before = task.status
    task.status = Status.CANCELLED
    task.save(update_fields=["status", "updated_at"])
    _event(task, EventKind.CANCELLED, by=by, before=before, text=reason.strip(), request=request)
    if before != Status.DRAFT:
        _notify_units(task, [a.unit for a in task.assignments.select_related("unit")],
                      _("Item cancelled: %(title)s") % {"title": task.title})
    return task


# ---------------------------------------------------------------- 催办


def remind(*, task, by, message, units=None, request=None) -> list[Reminder]:
    """催办 from the office to some or all of an open item's units, in the app and by email."""
    _require_office(by)
    if not message.strip():
        raise TransitionRefused(_("Write the reminder's message."))
    with transaction.atomic():
        task = _lock(task)
        _require_status(task, *OPEN_STATUSES, message=_("Only an open item can be chased."))
        assigned = [a.unit for a in task.assignments.select_related("unit")]
        if units is not None:
            wanted = {unit.pk for unit in units}
            assigned = [unit for unit in assigned if unit.pk in wanted]
        if not assigned:
            raise TransitionRefused(_("Choose at least one of the item's units."))
        reminders = [_send_reminder(task, unit, ReminderReason.MANUAL, "", message.strip(), by, request,
                                    timeline=False) for unit in assigned]
        # One 催办 is one line of the timeline, naming every unit it went to (not forty lines).
        names = "、".join(unit.name for unit in assigned)
        _event(task, EventKind.REMINDED, by=by, unit=assigned[0] if len(assigned) == 1 else None, request=request,
               text=_("%(reason)s to %(units)s: %(message)s") % {
                   "reason": ReminderReason.MANUAL.label, "units": names, "message": message.strip()})
        return reminders


def remind_many(*, tasks, by, message, request=None) -> tuple[int, int]:
    """Bulk 催办 from a ledger selection; closed or cancelled items are skipped. Returns (items, reminders)."""
    _require_office(by)
    if not message.strip():
        raise TransitionRefused(_("Write the reminder's message."))
    items = sent = 0
    ids = [task.pk for task in tasks]
    with transaction.atomic():
        # The statuses as stored now, not as the caller last saw them.
        for task in Task.objects.filter(pk__in=ids, status__in=OPEN_STATUSES).order_by("pk"):
            sent += len(remind(task=task, by=by, message=message, request=request))
            items += 1
    return items, sent


def send_automatic_reminder(*, task, unit, reason, dedupe_key, message) -> Reminder | None:
    """An automatic 催办 (临期, 逾期, 缺报), at most once per task, unit, reason and key: None if already sent."""
    if Reminder.objects.filter(task=task, unit=unit, reason=reason, dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            return _send_reminder(task, unit, reason, dedupe_key, message, None, None)
    except IntegrityError:
        # A concurrent scan sent it between the check and the insert: the unique constraint held.
        return None


def _send_reminder(task, unit, reason, dedupe_key, message, by, request, timeline=True):
    reminder = Reminder.objects.create(task=task, unit=unit, reason=reason, dedupe_key=dedupe_key,
                                       message=message, sent_by=by)
    label = ReminderReason(reason).label
    text = _("Reminder (%(reason)s): %(title)s — %(message)s") % {"reason": label, "title": task.title,
                                                                   "message": message}
    recipients = _notify_units(task, [unit], text, reminder=reminder, kind=MessageKind.REMINDER)
    if recipients:
        reminder.emailed_to = ", ".join(recipients)
        reminder.save(update_fields=["emailed_to"])
    if timeline:
        _event(task, EventKind.REMINDED, by=by, unit=unit, text=f"{label}：{message}", request=request)
    return reminder


# ---------------------------------------------------------------- notifications


def mark_read(*, user, notification_ids=None) -> int:
    """Mark the user's notifications read (all of them when no ids are given)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
