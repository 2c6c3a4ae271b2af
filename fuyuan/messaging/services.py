"""Changes to contacts (audited, numbers masked in the trail) and to escalations."""

from django.db import transaction
from django.utils import timezone

from fuyuan.audit.services import record_event

from .masking import mask_mobile
from .models import AccountMobile, Escalation


@transaction.atomic
def save_unit_contacts(*, form, unit, by, request=None):
    """The office sets a unit's robot, liaison mobile and leader contacts."""
    contacts = form.save(commit=False)
    contacts.unit = unit
    contacts.save()
    record_event("personal_data", request=request, actor=by, target=unit,
                 detail={"action": "unit contacts changed", "fields": sorted(form.changed_data)})
    return contacts


def reveal_unit_contacts(*, unit, by, request=None):
    """Showing a unit's full mobile numbers to the office is an access to personal data: audited."""
    record_event("personal_data", request=request, actor=by, target=unit, detail={"action": "mobiles shown"})


@transaction.atomic
def set_own_mobile(*, user, mobile, request=None) -> AccountMobile:
    """An account gives its mobile number, with consent, for SMS."""
    row, _created = AccountMobile.objects.update_or_create(
        user=user, defaults={"mobile": mobile, "consented_at": timezone.now()})
    record_event("personal_data", request=request, actor=user,
                 detail={"action": "own mobile given with consent", "mobile": mask_mobile(mobile)})
    return row


@transaction.atomic
def withdraw_own_mobile(*, user, request=None) -> None:
    """Withdrawing consent erases the number."""
    deleted, _rows = AccountMobile.objects.filter(user=user).delete()
    if deleted:
        record_event("personal_data", request=request, actor=user, detail={"action": "consent withdrawn"})


@transaction.atomic
def mark_escalation_handled(*, escalation, by, request=None) -> Escalation:
    """The office takes an escalation off its queue."""
    updated = Escalation.objects.filter(pk=escalation.pk, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=by)
    if updated:
        record_event("transition", request=request, actor=by, target=escalation.reminder_message,
                     detail={"transition": "escalation handled", "escalation": escalation.pk})
    return escalation
