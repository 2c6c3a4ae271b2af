"""Every change to a meeting: scheduling, replies, attendance, minutes, decisions → ledger items.

Same rules as the supervision engine: one function per change, permission and state checked, a row
lock, an audit entry, notifications to the units' accounts; refusals are `TransitionRefused`.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import UNIT_ROLES, Role, has_role
from fuyuan.audit.services import record_event
from fuyuan.lib.uploads import atomic_with_uploads
from fuyuan.messaging.models import MessageKind
from fuyuan.units.models import MemberUnit, RosterPosition
from tasks import services as task_services
from tasks.models import DeadlineKind, Origin
from tasks.numbering import decision_number
from tasks.services import TransitionRefused

from .models import Decision, Invitation, Meeting, MeetingStatus, Response


def _require_office(user):
    if not has_role(user, Role.OFFICE):
        raise TransitionRefused(_("Only the joint-meeting office can do this."))


def _lock(meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _audit(meeting, action, by, request=None, **detail):
    record_event("transition", request=request, actor=by, target=meeting,
                 detail={"transition": action, "meeting": meeting.pk, **detail})


def roster_units():
    """The units on the current roster: who a plenary meeting invites by default."""
    ids = RosterPosition.objects.current().exclude(unit=None).values("unit_id")
    return MemberUnit.objects.filter(pk__in=ids, active=True)


@transaction.atomic
def schedule(*, by, type, title, starts_at, units, group=None, number=None, place="", host="", agenda="",
             request=None) -> Meeting:
    """Schedule a meeting and invite its units; their accounts are notified (会议通知)."""
    _require_office(by)
    units = list(units)
    if not units:
        raise TransitionRefused(_("Invite at least one unit."))
    meeting = Meeting(type=type, group=group, title=title.strip(), number=number, starts_at=starts_at, place=place,
                      host=host, agenda=agenda, created_by=by)
    meeting.full_clean()
    meeting.save()
    Invitation.objects.bulk_create(Invitation(meeting=meeting, unit=unit) for unit in units)
    _audit(meeting, "scheduled", by, request, units=len(units))
    text = _("Meeting notice: %(title)s, %(when)s, %(place)s") % {
        "title": meeting.display_title, "when": _when(meeting), "place": place}
    _notify_invited(meeting, units, text)
    return meeting


@transaction.atomic
def respond(*, meeting, by, response, attendee="", attendee_title="", reason="", request=None) -> Invitation:
    """A unit's reply: the principal attends, a named deputy attends (and why), or the unit cannot (and why)."""
    meeting = _lock(meeting)
    if not (has_role(by, *UNIT_ROLES) and by.unit_id):
        raise TransitionRefused(_("Only a liaison of an invited unit can reply."))
    invitation = meeting.invitations.filter(unit_id=by.unit_id).first()
    if invitation is None:
        raise TransitionRefused(_("Your unit is not invited to this meeting."))
    if meeting.status != MeetingStatus.PLANNED:
        raise TransitionRefused(_("This meeting is no longer open for replies."))
    if response not in (Response.PRINCIPAL, Response.DEPUTY, Response.ABSENT):
        raise TransitionRefused(_("Choose who will attend."))
    if response in (Response.PRINCIPAL, Response.DEPUTY) and not attendee.strip():
        raise TransitionRefused(_("Name the person who will attend."))
    if response in (Response.DEPUTY, Response.ABSENT) and not reason.strip():
        raise TransitionRefused(_("The plan asks for the principal: give the reason."))
    invitation.response = response
    invitation.attendee = attendee.strip() if response != Response.ABSENT else ""
    invitation.attendee_title = attendee_title.strip() if response != Response.ABSENT else ""
    invitation.reason = reason.strip() if response != Response.PRINCIPAL else ""
    invitation.responded_by, invitation.responded_at = by, timezone.now()
    invitation.save()
    _audit(meeting, "replied", by, request, unit=invitation.unit.name, response=response)
    return invitation


@transaction.atomic
def record_attendance(*, meeting, by, attendance, request=None) -> Meeting:
    """The office records who came: {invitation id: (attended, principal, name)}; the meeting is then held.

    attended is True, False (absent: counts in 考核 unless the unit gave a reason) or None (not recorded);
    an invitation missing from the sheet keeps what was recorded before: unrecorded is never absent.
    """
    _require_office(by)
    meeting = _lock(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise TransitionRefused(_("This meeting was cancelled."))
    if meeting.starts_at > timezone.now():
        raise TransitionRefused(_("Attendance can be recorded once the meeting has begun."))
    for invitation in meeting.invitations.all():
        if invitation.pk not in attendance:
            continue
        attended, principal, name = attendance[invitation.pk]
        invitation.attended = None if attended is None else bool(attended)
        invitation.attended_by_principal = bool(attended and principal) if attended is not None else None
        invitation.actual_attendee = name.strip() if attended else ""
        invitation.save(update_fields=["attended", "attended_by_principal", "actual_attendee"])
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    _audit(meeting, "attendance", by, request)
    return meeting


@atomic_with_uploads
def record_minutes(*, meeting, by, minutes, minutes_file=None, request=None) -> Meeting:
    """纪要: the text (and the signed file); recording minutes marks the meeting held."""
    _require_office(by)
    meeting = _lock(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise TransitionRefused(_("This meeting was cancelled."))
    if not minutes.strip():
        raise TransitionRefused(_("Write the minutes."))
    meeting.minutes = minutes.strip()
    if minutes_file:
        meeting.minutes_file = minutes_file
    meeting.status = MeetingStatus.HELD
    meeting.save()
    _audit(meeting, "minutes", by, request)
    return meeting


@transaction.atomic
def add_decision(*, meeting, by, text, lead_units, responsible_units=(), due_date=None, request=None) -> Decision:
    """A decision of the meeting, numbered in order; it reaches the ledger when the decisions are confirmed."""
    _require_office(by)
    meeting = _lock(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise TransitionRefused(_("This meeting was cancelled."))
    if not text.strip():
        raise TransitionRefused(_("Write the decision."))
    if not lead_units:
        raise TransitionRefused(_("Name the lead unit."))
    number = (meeting.decisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    decision = Decision.objects.create(meeting=meeting, number=number, text=text.strip(), due_date=due_date)
    decision.lead_units.set(lead_units)
    decision.responsible_units.set([u for u in responsible_units if u not in lead_units])
    _audit(meeting, "decision_added", by, request, number=number)
    if meeting.decisions_confirmed_at:
        _to_task(decision, meeting, by, request)
    return decision


@transaction.atomic
def confirm_decisions(*, meeting, by, request=None) -> list:
    """Each decision not yet in the ledger becomes a supervised item (origin: meeting decision), assigned."""
    _require_office(by)
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.HELD:
        raise TransitionRefused(_("Record the minutes or the attendance first: the meeting must have been held."))
    pending = list(meeting.decisions.filter(task__isnull=True).prefetch_related("lead_units", "responsible_units"))
    if not pending:
        raise TransitionRefused(_("Every decision is already in the ledger."))
    tasks = [_to_task(decision, meeting, by, request) for decision in pending]
    meeting.decisions_confirmed_at = timezone.now()
    meeting.save(update_fields=["decisions_confirmed_at"])
    _audit(meeting, "decisions_confirmed", by, request, tasks=[task.pk for task in tasks])
    return tasks


def _to_task(decision, meeting, by, request):
    first_line = decision.text.split("\n")[0]
    title = first_line if len(first_line) <= 120 else first_line[:118] + "…"
    task = task_services.create_task(
        by=by, origin=Origin.MEETING, title=title, body=decision.text,
        number=decision_number(meeting, decision.number),
        sort_key=f"M{meeting.starts_at:%Y%m%d}-{decision.number:03d}",
        lead_units=list(decision.lead_units.all()), responsible_units=list(decision.responsible_units.all()),
        deadline_kind=DeadlineKind.DATE if decision.due_date else DeadlineKind.NONE, due_date=decision.due_date,
        deadline_text="", request=request,
    )
    task = task_services.assign(task=task, by=by, today=timezone.localdate(), request=request)
    decision.task = task
    decision.save(update_fields=["task"])
    return task


@transaction.atomic
def cancel(*, meeting, by, reason, request=None) -> Meeting:
    _require_office(by)
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise TransitionRefused(_("Only a planned meeting can be cancelled."))
    if not reason.strip():
        raise TransitionRefused(_("Give the reason for cancelling the meeting."))
    meeting.status, meeting.cancel_reason = MeetingStatus.CANCELLED, reason.strip()
    meeting.save(update_fields=["status", "cancel_reason"])
    _audit(meeting, "cancelled", by, request)
    text = _("Meeting cancelled: %(title)s") % {"title": meeting.display_title}
    _notify_invited(meeting, [i.unit for i in meeting.invitations.select_related("unit")], text)
    return meeting


def _notify_invited(meeting, units, text):
    """会议通知 to each invited unit: in the app, and through the outbox (e-mail, robots, SMS)."""
    path = reverse("meetings:detail", args=[meeting.pk])
    task_services.notify([task_services.Notice(task=None, text=text, unit=unit, kind=MessageKind.MEETING, path=path)
                          for unit in units])


def _when(meeting):
    local = timezone.localtime(meeting.starts_at)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


@transaction.atomic
def save_type(*, form, by, request=None):
    """Add or edit a meeting type (the cadence the compliance table checks)."""
    _require_office(by)
    meeting_type = form.save()
    record_event("transition", request=request, actor=by, target=meeting_type,
                 detail={"transition": "meeting_type_saved", "cadence": meeting_type.cadence})
    return meeting_type
