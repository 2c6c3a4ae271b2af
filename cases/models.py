"""The administrative case register (行政案件台账): 行政诉讼 cases the court registers and 行政复议 cases the office
registers, each with its hearings and the agency head's attendance (负责人出庭) the defendant unit reports.

The indicators (`indicators/`) are counts over these rows; `LOST` and `CONCLUDED` are their one definition.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fuyuan.units.models import MemberUnit


class Proceeding(models.TextChoices):
    LITIGATION = "litigation", _("Administrative litigation")
    REVIEW = "review", _("Administrative review")


class Instance(models.TextChoices):
    FIRST = "first", _("First instance")
    SECOND = "second", _("Second instance")
    RETRIAL = "retrial", _("Retrial")
    ENFORCEMENT = "enforcement", _("Non-litigation enforcement")


class PlaintiffType(models.TextChoices):
    PERSON = "person", _("Natural person")
    ENTERPRISE = "enterprise", _("Enterprise")
    OTHER = "other", _("Other organisation")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld / claim rejected")
    REVOKED = "revoked", _("Revoked")
    CHANGED = "changed", _("Changed")
    CONFIRMED_ILLEGAL = "confirmed_illegal", _("Confirmed illegal")
    ORDERED = "ordered", _("Ordered to perform")
    MEDIATED = "mediated", _("Mediated")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DISMISSED = "dismissed", _("Suit dismissed by ruling")
    REJECTED = "rejected", _("Application rejected")
    TERMINATED = "terminated", _("Review terminated")
    OTHER = "other", _("Other")


# 败诉 for the agency (诉讼) or 纠错 (复议): the court or the review body corrected the act.
LOST = (Outcome.REVOKED, Outcome.CHANGED, Outcome.CONFIRMED_ILLEGAL, Outcome.ORDERED)
MEDIATED_OR_WITHDRAWN = (Outcome.MEDIATED, Outcome.WITHDRAWN)
OUTCOMES_OF = {
    Proceeding.LITIGATION: [o for o in Outcome if o not in (Outcome.REJECTED, Outcome.TERMINATED)],
    Proceeding.REVIEW: [Outcome.UPHELD, *LOST, Outcome.REJECTED, Outcome.TERMINATED, Outcome.MEDIATED,
                        Outcome.WITHDRAWN, Outcome.OTHER],
}


class PreLitigation(models.TextChoices):
    NOT_TRIED = "", _("Not attempted")
    RESOLVED = "resolved", _("Resolved before filing")
    PARTLY = "partly", _("Partly resolved")
    FAILED = "failed", _("Not resolved")


class Attendance(models.TextChoices):
    NOT_REPORTED = "", _("Not reported")
    PRINCIPAL = "principal", _("Principal head")
    DEPUTY = "deputy", _("Deputy head")
    ABSENT = "absent", _("No head in court")


HEAD_PRESENT = (Attendance.PRINCIPAL, Attendance.DEPUTY)

# （2026）蒙0626行初21号: year, province, court code, 行 + kind, number
# (初 一审, 终 二审, 再 再审, 审 非诉执行审查, 申 申请再审).
CASE_NUMBER = re.compile(r"^（(\d{4})）[\u4e00-\u9fff]\d{0,4}行(初|终|再|审|申|赔初|赔终)(\d+)号$")
INSTANCE_OF_CODE = {"初": Instance.FIRST, "赔初": Instance.FIRST, "终": Instance.SECOND, "赔终": Instance.SECOND,
                    "再": Instance.RETRIAL, "申": Instance.RETRIAL, "审": Instance.ENFORCEMENT}


def normalise_case_number(text: str) -> str:
    """The 案号 as courts print it: full-width brackets, no spaces."""
    text = re.sub(r"\s+", "", text or "")
    return text.replace("(", "（").replace(")", "）").replace("〔", "（").replace("〕", "）")


def instance_of_number(number: str):
    """The instance a litigation 案号 names (行初 → 一审), or None when it is not in the court's format."""
    match = CASE_NUMBER.match(normalise_case_number(number))
    return INSTANCE_OF_CODE[match[2]] if match else None


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Office and leaders: all. The court: the cases it registered. Liaisons: the cases against their unit."""
        from fuyuan.accounts.roles import Role

        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role in (Role.OFFICE, Role.LEADER):
            return self
        if user.role == Role.ISSUER and user.unit_id:
            return self.filter(Q(court_unit_id=user.unit_id) | Q(defendant_id=user.unit_id))
        if user.role == Role.LIAISON and user.unit_id:
            return self.filter(defendant_id=user.unit_id)
        return self.none()


class Case(models.Model):
    proceeding = models.CharField(_("proceeding"), max_length=20, choices=Proceeding.choices,
                                  default=Proceeding.LITIGATION, db_index=True)
    number = models.CharField(_("case number"), max_length=60, unique=True)
    court = models.CharField(_("court or review body"), max_length=100)
    court_unit = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("registered by unit"))
    instance = models.CharField(_("instance"), max_length=20, choices=Instance.choices, blank=True)
    cause = models.CharField(_("cause of action"), max_length=100)
    plaintiff_type = models.CharField(_("plaintiff"), max_length=20, choices=PlaintiffType.choices,
                                      default=PlaintiffType.PERSON)
    defendant = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="cases",
                                  verbose_name=_("defendant unit"))
    defendant_name = models.CharField(_("defendant (not a member unit)"), max_length=100, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    filed_on = models.DateField(_("filed on"), db_index=True)
    closed_on = models.DateField(_("concluded on"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    coordinated = models.BooleanField(_("withdrawn after coordination"), default=False)
    pre_litigation = models.CharField(_("pre-litigation resolution"), max_length=20, choices=PreLitigation.choices,
                                      blank=True)
    suggestion = models.ForeignKey("suggestions.Suggestion", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="cases", verbose_name=_("judicial suggestion"))
    note = models.TextField(_("note"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("administrative case")
        verbose_name_plural = _("administrative cases")
        constraints = [
            models.CheckConstraint(condition=Q(defendant__isnull=False) | ~Q(defendant_name=""),
                                   name="case_has_defendant"),
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | ~Q(outcome=""),
                                   name="concluded_case_has_outcome"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cases:detail", args=[self.pk])

    @property
    def defendant_display(self):
        return self.defendant.name if self.defendant_id else self.defendant_name

    @property
    def is_lost(self):
        return self.outcome in LOST

    def clean(self):
        errors = {}
        if self.proceeding == Proceeding.LITIGATION:
            if not CASE_NUMBER.match(self.number or ""):
                errors["number"] = _("Write the case number as the court prints it, e.g. （2026）蒙0626行初21号.")
            elif self.instance and instance_of_number(self.number) != self.instance:
                errors["instance"] = _("The case number names another instance.")
            if not self.instance:
                errors["instance"] = _("Choose the instance.")
        elif self.instance:
            errors["instance"] = _("An administrative review has no instance.")
        if self.outcome and self.outcome not in OUTCOMES_OF[self.proceeding]:
            errors["outcome"] = _("This outcome does not belong to this proceeding.")
        if self.closed_on and not self.outcome:
            errors["outcome"] = _("A concluded case needs its outcome.")
        if self.outcome and not self.closed_on:
            errors["closed_on"] = _("Give the date the case was concluded.")
        if self.closed_on and self.filed_on and self.closed_on < self.filed_on:
            errors["closed_on"] = _("A case cannot be concluded before it was filed.")
        if self.applied_on and self.filed_on and self.filed_on < self.applied_on:
            errors["filed_on"] = _("A case cannot be accepted before it was applied for.")
        if self.coordinated and self.outcome != Outcome.WITHDRAWN:
            errors["coordinated"] = _("Only a withdrawn case can be withdrawn after coordination.")
        if not self.defendant_id and not self.defendant_name.strip():
            errors["defendant"] = _("Choose the defendant unit or write the agency's name.")
        if errors:
            raise ValidationError(errors)


class HearingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case__in=Case.objects.visible_to(user))


class Hearing(models.Model):
    """One court session, and who led the defendant agency there (负责人出庭应诉)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings", verbose_name=_("case"))
    held_on = models.DateField(_("hearing date"), db_index=True)
    attendance = models.CharField(_("head in court"), max_length=20, choices=Attendance.choices, blank=True)
    head_name = models.CharField(_("name"), max_length=50, blank=True)
    head_post = models.CharField(_("post"), max_length=100, blank=True)
    spoke = models.BooleanField(_("spoke in court"), default=False)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)

    objects = HearingQuerySet.as_manager()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self):
        return f"{self.case.number} {self.held_on}"

    def light_today(self, today, warn_days):
        """Red: held without a reported head; yellow: within `warn_days` and not reported; green: reported."""
        from tasks import deadlines

        if self.attendance:
            return deadlines.CLOSED_ON_TIME
        if self.held_on < today:
            return deadlines.OVERDUE
        if (self.held_on - today).days <= warn_days:
            return deadlines.DUE_SOON
        return deadlines.ON_TRACK


class HearingReminder(models.Model):
    """A 临期 reminder sent for a hearing with no reported head: at most once per hearing and date."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="reminders")
    held_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["hearing", "held_on"], name="hearing_reminder_once")]

    def __str__(self):
        return f"{self.hearing_id} {self.held_on}"
