"""发文字号: numbers per year and kind of document, assigned when the office issues it and never reused."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    SUPERVISION_NOTICE = "supervision_notice", _("Supervision notice")
    MEETING_NOTICE = "meeting_notice", _("Meeting notice")
    MINUTES = "minutes", _("Meeting minutes")
    BULLETIN = "bulletin", _("Bulletin")
    ASSESSMENT = "assessment", _("Assessment result notice")


# The kind's character in the 发文字号 (府院联办督〔2026〕3号); minutes are numbered 第N期 instead.
KIND_CODES = {
    DocumentKind.SUPERVISION_NOTICE: "督",
    DocumentKind.MEETING_NOTICE: "会",
    DocumentKind.BULLETIN: "通",
    DocumentKind.ASSESSMENT: "考",
}


class NumberCounter(models.Model):
    """The last serial given for a kind in a year; it only goes up, so a number is never given twice."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="one_counter_per_kind_and_year")]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last}"


class IssuedDocument(models.Model):
    """A document the office issued: its number and what it is about (subject: task:12, bulletin:2026-Q3 …)."""

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    subject = models.CharField(_("subject"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial"))
    number = models.CharField(_("document number"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("issued by"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "serial"], name="number_unique_per_kind_and_year"),
            models.UniqueConstraint(fields=["kind", "subject"], name="one_number_per_document"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"
