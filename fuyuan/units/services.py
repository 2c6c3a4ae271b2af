"""Changes to member units, groups and the roster; the office's job alone. Saves are audited by auditlog."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from fuyuan.accounts.roles import Role, has_role

from .models import MemberUnit, RosterPosition


def _require_office(user):
    if not has_role(user, Role.OFFICE):
        raise PermissionDenied


@transaction.atomic
def save_unit(*, form, by):
    """Create or update a unit from a valid ModelForm."""
    _require_office(by)
    unit = form.save(commit=False)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def set_unit_active(*, unit: MemberUnit, active: bool, by):
    """Deactivate (or reactivate) a unit; units with history are never deleted."""
    _require_office(by)
    unit = MemberUnit.objects.select_for_update().get(pk=unit.pk)
    if unit.active != active:
        unit.active = active
        unit.save(update_fields=["active", "normalised_names"])
    return unit


@transaction.atomic
def save_group(*, form, by):
    """Create or update a unit group and its members from a valid ModelForm."""
    _require_office(by)
    group = form.save()
    return group


@transaction.atomic
def save_roster_position(*, form, by):
    """Record who holds a roster position from a date."""
    _require_office(by)
    position = form.save(commit=False)
    position.full_clean()
    position.save()
    return position


@transaction.atomic
def end_roster_position(*, position: RosterPosition, ended_on=None, by):
    """Close a roster position (成员调整): its history stays."""
    _require_office(by)
    position = RosterPosition.objects.select_for_update().get(pk=position.pk)
    position.ended_on = ended_on or timezone.localdate()
    position.save(update_fields=["ended_on"])
    return position
