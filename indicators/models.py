"""Indicators as data: which measure over the register, which way is better, the target, the period."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureKind(models.TextChoices):
    ATTENDANCE_RATE = "attendance_rate", _("Head attendance rate (hearings)")
    LOSS_RATE = "loss_rate", _("Loss rate (first instance)")
    MEDIATION_RATE = "mediation_rate", _("Mediation and withdrawal rate")
    FILINGS_YOY = "filings_yoy", _("Cases filed, change year on year")
    FILINGS_PER_10K = "filings_per_10k", _("Cases filed per 10,000 residents")
    REVIEW_CORRECTION_RATE = "review_correction_rate", _("Administrative review correction rate")
    SUGGESTION_REPLY_RATE = "suggestion_reply_rate", _("Judicial suggestions replied on time")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", _("Month")
    QUARTERLY = "quarterly", _("Quarter")
    YEARLY = "yearly", _("Year")


class Indicator(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    measure = models.CharField(_("measure"), max_length=30, choices=MeasureKind.choices)
    definition = models.CharField(_("definition"), max_length=300, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    target = models.DecimalField(_("target"), max_digits=8, decimal_places=2)
    period = models.CharField(_("period"), max_length=20, choices=PeriodKind.choices, default=PeriodKind.QUARTERLY)
    assessed = models.BooleanField(_("counts in the assessment"), default=False,
                                   help_text=_("Units below target lose points under the indicator rule."))
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    @property
    def target_text(self):
        sign = "≥" if self.direction == Direction.HIGHER else "≤"
        return f"{sign}{self.target.normalize():f}{self.unit_text}"

    @property
    def unit_text(self):
        return "" if self.measure == MeasureKind.FILINGS_PER_10K else "%"

    def on_target(self, value) -> bool | None:
        """None when there is no value (an empty denominator)."""
        if value is None:
            return None
        return value >= self.target if self.direction == Direction.HIGHER else value <= self.target


class PopulationFigure(models.Model):
    """The resident population of the area in a year (统计公报), the denominator of 万人起诉率."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    population = models.PositiveIntegerField(_("resident population"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")

    def __str__(self):
        return f"{self.year}: {self.population}"
