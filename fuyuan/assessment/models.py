"""The 考核 scoring rules, as data the office edits per year; manual adjustments; results frozen on publishing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    BASE = "base", _("Base score")
    LEAD_OVERDUE = "lead_overdue", _("Overdue item as lead unit")
    RESPONSIBLE_OVERDUE = "responsible_overdue", _("Overdue item as responsible unit")
    MISSING_REPORT = "missing_report", _("Missing periodic report (缺报)")
    SENT_BACK = "sent_back", _("Closure request sent back")
    LATE_SUGGESTION_REPLY = "late_suggestion_reply", _("Suggestion reply late or missing")
    ABSENT_WITHOUT_REASON = "absent_without_reason", _("Absent from a meeting without reason")
    CLOSED_ON_TIME = "closed_on_time", _("Item closed on time as lead unit (bonus)")
    INDICATOR_SHORTFALL = "indicator_shortfall", _("Indicator below target, per 10 points")


class ScoringRule(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    points = models.DecimalField(_("points per item"), max_digits=6, decimal_places=2,
                                 help_text=_("Negative for a deduction, positive for a bonus; the base score for the "
                                             "base rule."))
    cap = models.DecimalField(_("cap"), max_digits=6, decimal_places=2, null=True, blank=True,
                              help_text=_("The most this rule can take away or add in a year; blank: no cap."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("scoring rule")
        verbose_name_plural = _("scoring rules")
        constraints = [models.UniqueConstraint(fields=["year", "measure"], name="one_rule_per_measure_and_year")]

    def __str__(self):
        return f"{self.year} {self.get_measure_display()} {self.points}"


class RuleVersion(models.Model):
    """A year's rules are revised in place; each saved change is a new revision (2026年第2版)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    def __str__(self):
        return f"{self.year}年第{self.revision}版"


def adjustment_path(instance, filename):
    return f"assessment/{instance.year}/{filename}"


class Adjustment(models.Model):
    """The office's manual 加分/减分 for a unit in a year, with the reason and the document behind it."""

    unit = models.ForeignKey("units.MemberUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2,
                                 help_text=_("Positive to add (加分), negative to deduct (减分)."))
    reason = models.TextField(_("reason"))
    document = models.FileField(_("supporting document"), upload_to=adjustment_path)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("entered by"))
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("manual adjustment")
        verbose_name_plural = _("manual adjustments")

    def __str__(self):
        return f"{self.year} {self.unit} {self.points}"


class PublishedResult(models.Model):
    """A year's result as published: every figure and line frozen, so a later export is the same."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    rule_version = models.CharField(_("rule version"), max_length=40)
    data = models.JSONField(_("result"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("published by"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("published result")
        verbose_name_plural = _("published results")

    def __str__(self):
        return f"{self.year} {self.rule_version}"
