"""Member units of the joint meeting, the printed groups they form, and the roster with its history."""

import re

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Prefixes that printed documents put before a unit's short name (旗司法局 ≈ 司法局, 市中院 ≈ 中院).
_NAME_PREFIXES = ("乌审旗", "旗", "市", "县", "区")


def normalise_unit_name(name: str) -> str:
    """Return the comparable form of a printed unit name: no spaces, no administrative prefix."""
    name = re.sub(r"\s+", "", name or "")
    for prefix in _NAME_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix):]
    return name


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("Government department")
    COURT = "court", _("Court")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    TOWNSHIP = "township", _("Township")
    OTHER = "other", _("Other")


def has_liaison(unit):
    """Some active account acts for `unit` (a unit id or an OuterRef to one): a liaison or issuer, who can sign
    and report for it. An Exists, for a filter or an annotation."""
    from django.contrib.auth import get_user_model

    from fuyuan.accounts.roles import UNIT_ROLES

    return models.Exists(get_user_model().objects.filter(unit=unit, role__in=UNIT_ROLES, is_active=True))


class MemberUnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def without_liaison(self):
        """Units no active account acts for (liaison or issuer): nobody can sign or report for them."""
        return self.filter(~has_liaison(models.OuterRef("pk")))

    def matching(self, printed_name: str):
        """Units whose name, short name or alias matches a printed name, exactly or once normalised."""
        norm = normalise_unit_name(printed_name)
        return self.filter(
            Q(name=printed_name) | Q(short_name=printed_name) | Q(normalised_names__contains=f"|{norm}|")
        )


class MemberUnit(models.Model):
    name = models.CharField(_("name as printed"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.GOVERNMENT)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("display order"), default=100)
    # "|司法局|旗司法局|..." — the searchable forms of every name; derived on save so lookups stay one query.
    normalised_names = models.TextField(editable=False, default="")

    objects = MemberUnitQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("member unit")
        verbose_name_plural = _("member units")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        forms = {normalise_unit_name(n) for n in self.all_names() if n} | {n for n in self.all_names() if n}
        self.normalised_names = "|" + "|".join(sorted(forms)) + "|"
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise models.ProtectedError(_("Member units are deactivated, never deleted."), {self})

    @property
    def display_name(self):
        return self.short_name or self.name

    def all_names(self):
        return [self.name, self.short_name, *self.aliases]


class UnitGroup(models.Model):
    """A collective as printed in plans (旗直各部门, 各苏木镇人民政府) and the units it stands for."""

    name = models.CharField(_("name as printed"), max_length=100, unique=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    units = models.ManyToManyField(MemberUnit, related_name="groups", verbose_name=_("units"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("unit group")
        verbose_name_plural = _("unit groups")

    def __str__(self):
        return self.name


class Position(models.TextChoices):
    CONVENER = "convener", _("Convener")
    EXECUTIVE_DEPUTY = "executive_deputy", _("Executive deputy convener")
    DEPUTY = "deputy", _("Deputy convener")
    UNIT_HEAD = "unit_head", _("Member unit head")
    LIAISON = "liaison", _("Liaison")


class RosterQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on), started_on__lte=on)


class RosterPosition(models.Model):
    """Who holds a roster position, for which unit, from when to when (成员调整 keeps history)."""

    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    person_name = models.CharField(_("name"), max_length=50, blank=True)
    title = models.CharField(_("office held"), max_length=100, blank=True)
    unit = models.ForeignKey(
        MemberUnit, on_delete=models.PROTECT, related_name="roster", verbose_name=_("unit"), null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    started_on = models.DateField(_("from"), default=timezone.localdate)
    # The day the position ended (exclusive): a successor may start the same day.
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("display order"), default=100)

    objects = RosterQuerySet.as_manager()

    class Meta:
        ordering = ["order", "started_on", "pk"]
        verbose_name = _("roster position")
        verbose_name_plural = _("roster positions")

    def __str__(self):
        return f"{self.get_position_display()} {self.person_name}".strip()

    @property
    def is_current(self):
        return self.ended_on is None or self.ended_on > timezone.localdate()
