"""Every change to the register: one function each, permission and state checked, in a transaction, audited.

The court registers 行政诉讼 cases, their hearings and outcomes; the office registers 行政复议 cases (and may
correct any case); the defendant unit's liaison reports who will lead it in court (出庭人员报备) before the hearing.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role
from fuyuan.audit.services import record_event
from fuyuan.units.models import UnitKind
from tasks.services import TransitionRefused

from .models import Attendance, Case, Hearing, Proceeding, normalise_case_number

CASE_FIELDS = ("proceeding", "number", "court", "instance", "cause", "plaintiff_type", "defendant", "defendant_name",
               "applied_on", "filed_on", "closed_on", "outcome", "coordinated", "pre_litigation", "suggestion", "note")


def is_court(user) -> bool:
    return has_role(user, Role.ISSUER) and getattr(user.unit, "kind", "") == UnitKind.COURT


def can_register(user, proceeding=Proceeding.LITIGATION) -> bool:
    """The office registers anything; a court account registers 行政诉讼 cases."""
    return has_role(user, Role.OFFICE) or (proceeding == Proceeding.LITIGATION and is_court(user))


def can_edit(user, case) -> bool:
    return has_role(user, Role.OFFICE) or (is_court(user) and case.court_unit_id == user.unit_id)


def _audit(case, action, by, request=None, **detail):
    record_event("transition", request=request, actor=by, target=case,
                 detail={"transition": action, "case": case.pk, **detail})


def _refuse_invalid(error: ValidationError):
    messages = [f"{Case._meta.get_field(field).verbose_name if field in CASE_FIELDS else ''}：{'；'.join(texts)}"
                .lstrip("：") for field, texts in error.message_dict.items()]
    raise TransitionRefused("；".join(messages))


def build_case(*, by, data: dict) -> Case:
    """An unsaved, validated case from form or workbook data (shared by the form and the import)."""
    case = Case(**{key: data[key] for key in CASE_FIELDS if key in data})
    litigation = case.proceeding == Proceeding.LITIGATION
    case.number = normalise_case_number(case.number) if litigation else case.number.strip()
    case.registered_by = by
    if is_court(by):
        case.court_unit_id = by.unit_id
        case.court = case.court or by.unit.name
    try:
        case.full_clean(exclude=["registered_by", "court_unit"], validate_unique=False)
    except ValidationError as error:
        _refuse_invalid(error)
    return case


@transaction.atomic
def register_case(*, by, data: dict, hearings=(), request=None) -> Case:
    """Register a case with its hearing dates; the 案号 is unique."""
    if not can_register(by, data.get("proceeding", Proceeding.LITIGATION)):
        raise TransitionRefused(_("Only the court registers litigation cases; the office registers reviews."))
    case = build_case(by=by, data=data)
    if Case.objects.filter(number=case.number).exists():
        raise TransitionRefused(_("%(number)s is already registered.") % {"number": case.number})
    case.save()
    for day in hearings:
        Hearing.objects.create(case=case, held_on=day)
    _audit(case, "case_registered", by, request, number=case.number)
    return case


@transaction.atomic
def update_case(*, case, by, data: dict, request=None) -> Case:
    """The court (or the office) records the outcome or corrects the case."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not can_edit(by, case):
        raise TransitionRefused(_("Only the court that registered this case or the office can change it."))
    before = {key: str(getattr(case, key)) for key in CASE_FIELDS}
    for key in CASE_FIELDS:
        if key in data and not (key == "court" and not data[key]):  # a blank court keeps the registered one
            setattr(case, key, data[key])
    if case.proceeding == Proceeding.LITIGATION:
        case.number = normalise_case_number(case.number)
    if Case.objects.filter(number=case.number).exclude(pk=case.pk).exists():
        raise TransitionRefused(_("%(number)s is already registered.") % {"number": case.number})
    try:
        case.full_clean(exclude=["registered_by", "court_unit"], validate_unique=False)
    except ValidationError as error:
        _refuse_invalid(error)
    case.save()
    after = {key: str(getattr(case, key)) for key in CASE_FIELDS}
    changed = {key: [before[key], after[key]] for key in CASE_FIELDS if before[key] != after[key]}
    _audit(case, "case_updated", by, request, changed=changed)
    return case


@transaction.atomic
def add_hearing(*, case, by, held_on: datetime.date, request=None) -> Hearing:
    """The court schedules a hearing; the defendant unit then owes its 出庭人员报备."""
    if not can_edit(by, case):
        raise TransitionRefused(_("Only the court that registered this case or the office can change it."))
    if held_on < case.filed_on:
        raise TransitionRefused(_("A hearing cannot be before the case was filed."))
    hearing = Hearing.objects.create(case=case, held_on=held_on)
    _audit(case, "hearing_added", by, request, held_on=str(held_on))
    return hearing


@transaction.atomic
def report_attendance(*, hearing, by, attendance, head_name="", head_post="", spoke=False, today=None,
                      request=None) -> Hearing:
    """出庭人员报备: the defendant unit names who leads it in court, before the hearing; the court or the office
    records (or corrects) what happened at any time."""
    hearing = Hearing.objects.select_for_update().select_related("case").get(pk=hearing.pk)
    case = hearing.case
    today = today or timezone.localdate()
    is_defendant = has_role(by, Role.LIAISON, Role.ISSUER) and by.unit_id and by.unit_id == case.defendant_id
    if not (is_defendant or can_edit(by, case)):
        raise TransitionRefused(_("Only the defendant unit, the court or the office can report attendance."))
    if is_defendant and not can_edit(by, case) and hearing.held_on < today:
        raise TransitionRefused(_("The hearing has been held; the court records who attended."))
    if attendance not in Attendance.values or not attendance:
        raise TransitionRefused(_("Choose who leads the agency in court."))
    if attendance in (Attendance.PRINCIPAL, Attendance.DEPUTY) and not (head_name.strip() and head_post.strip()):
        raise TransitionRefused(_("Give the name and post of the head who appears in court."))
    before = hearing.attendance
    hearing.attendance, hearing.head_name, hearing.head_post = attendance, head_name.strip(), head_post.strip()
    hearing.spoke = bool(spoke) and attendance != Attendance.ABSENT
    hearing.reported_by, hearing.reported_at = by, timezone.now()
    hearing.save()
    _audit(case, "attendance_reported", by, request, hearing=hearing.pk, held_on=str(hearing.held_on),
           attendance=[before, attendance], head=hearing.head_name)
    return hearing
