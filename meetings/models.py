"""Joint meetings: types with their cadence, working groups, meetings, invitations and attendance, decisions.

A decision (议定事项) becomes a supervised item in the ledger when the office confirms the minutes;
the meeting shows each decision's live status and light from that item.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fuyuan.units.models import MemberUnit


class Cadence(models.TextChoices):
    QUARTERLY = "quarterly", _("Every quarter")
    HALF_YEARLY = "half_yearly", _("Every half-year")
    YEARLY = "yearly", _("Every year")
    AS_NEEDED = "as_needed", _("As needed")


class MeetingType(models.Model):
    """全体联席会议, 行政复议与行政审判联席会议…: data the office can extend, each with its cadence."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    cadence = models.CharField(_("cadence"), max_length=20, choices=Cadence.choices, default=Cadence.AS_NEEDED)
    per_period = models.PositiveSmallIntegerField(_("meetings required per period"), default=1)
    basis = models.CharField(_("basis"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("meeting type")
        verbose_name_plural = _("meeting types")

    def __str__(self):
        return self.name


class WorkingGroup(models.Model):
    """专项工作组: a convener (person and unit) and member units, with meetings of their own."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    convener_name = models.CharField(_("convener"), max_length=50, blank=True)
    convener_unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                      verbose_name=_("convening unit"))
    units = models.ManyToManyField(MemberUnit, related_name="working_groups", blank=True,
                                   verbose_name=_("member units"))
    remit = models.TextField(_("remit"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.name


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Office and leaders see every meeting; a unit's accounts see the meetings their unit was invited to."""
        from fuyuan.accounts.roles import UNIT_ROLES, Role

        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role in (Role.OFFICE, Role.LEADER):
            return self
        if user.role in UNIT_ROLES and user.unit_id:
            return self.filter(invitations__unit_id=user.unit_id).distinct()
        return self.none()


def minutes_path(instance, filename):
    return f"meetings/{instance.starts_at:%Y}/{filename}"


class Meeting(models.Model):
    type = models.ForeignKey(MeetingType, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("type"))
    group = models.ForeignKey(WorkingGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings",
                              verbose_name=_("working group"))
    title = models.CharField(_("title"), max_length=200)
    number = models.PositiveSmallIntegerField(_("session number"), null=True, blank=True)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    host = models.CharField(_("chaired by"), max_length=100, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(_("minutes file"), upload_to=minutes_path, blank=True)
    decisions_confirmed_at = models.DateTimeField(_("decisions confirmed at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:detail", args=[self.pk])

    @property
    def display_title(self):
        return f"{self.title}（第{self.number}次）" if self.number else self.title


class Response(models.TextChoices):
    PENDING = "pending", _("Not yet answered")
    PRINCIPAL = "principal", _("The principal attends")
    DEPUTY = "deputy", _("A deputy attends")
    ABSENT = "absent", _("Cannot attend")


class Invitation(models.Model):
    """One invited unit: who it says will come, and who actually came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations",
                                verbose_name=_("meeting"))
    unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("unit"))
    response = models.CharField(_("reply"), max_length=20, choices=Response.choices, default=Response.PENDING)
    attendee = models.CharField(_("attendee"), max_length=50, blank=True)
    attendee_title = models.CharField(_("attendee's post"), max_length=100, blank=True)
    reason = models.CharField(_("reason (deputy or absence)"), max_length=500, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    responded_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    # Recorded by the office after the meeting; None until then.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attended_by_principal = models.BooleanField(_("principal attended"), null=True, blank=True)
    actual_attendee = models.CharField(_("who attended"), max_length=50, blank=True)

    class Meta:
        ordering = ["meeting", "unit__order", "unit__name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["meeting", "unit"], name="invitation_once_per_unit")]

    def __str__(self):
        return f"{self.meeting} · {self.unit}"


class Decision(models.Model):
    """议定事项: what the meeting settled, who leads, who helps, by when; a ledger item once confirmed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions",
                                verbose_name=_("meeting"))
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("decision"))
    lead_units = models.ManyToManyField(MemberUnit, related_name="+", verbose_name=_("lead units"))
    responsible_units = models.ManyToManyField(MemberUnit, related_name="+", blank=True,
                                               verbose_name=_("responsible units"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    task = models.OneToOneField("tasks.Task", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="meeting_decision", verbose_name=_("supervised item"))

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="decision_number_once")]

    def __str__(self):
        return f"{self.number}. {self.text[:40]}"
