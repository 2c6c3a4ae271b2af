"""The 考核 scoring rules, as data the office edits: a base score, deductions and bonuses, each with a cap."""

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
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices, unique=True)
    points = models.DecimalField(_("points per item"), max_digits=6, decimal_places=2,
                                 help_text=_("Negative for a deduction, positive for a bonus; the base score for the "
                                             "base rule."))
    cap = models.DecimalField(_("cap"), max_digits=6, decimal_places=2, null=True, blank=True,
                              help_text=_("The most this rule can take away or add in a year; blank: no cap."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("scoring rule")
        verbose_name_plural = _("scoring rules")

    def __str__(self):
        return f"{self.get_measure_display()} {self.points}"
