"""Judicial and procuratorial suggestions (司法建议 / 检察建议): registered by the issuer, replied to by the addressee.

Each suggestion opens a reply task in the supervision engine, so 签收, reminders, extensions, lights
and the assessment counts come from the one ledger.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fuyuan.units.models import MemberUnit


class Kind(models.TextChoices):
    JUDICIAL = "judicial", _("Judicial suggestion")
    PROCURATORIAL = "procuratorial", _("Procuratorial suggestion")


class SuggestionType(models.TextChoices):
    # 检察建议
    RETRIAL = "retrial", _("Retrial")
    CORRECTION = "correction", _("Correcting a violation")
    PUBLIC_INTEREST = "public_interest", _("Public-interest litigation")
    GOVERNANCE = "governance", _("Social governance")
    # 司法建议
    COMPREHENSIVE = "comprehensive", _("Comprehensive governance")
    INDIVIDUAL = "individual", _("Individual case")
    CLASS = "class", _("Class of cases")
    OTHER = "other", _("Other")


TYPES_OF_KIND = {
    Kind.PROCURATORIAL: [SuggestionType.RETRIAL, SuggestionType.CORRECTION, SuggestionType.PUBLIC_INTEREST,
                         SuggestionType.GOVERNANCE, SuggestionType.OTHER],
    Kind.JUDICIAL: [SuggestionType.COMPREHENSIVE, SuggestionType.INDIVIDUAL, SuggestionType.CLASS,
                    SuggestionType.OTHER],
}


# Who may issue what: a court issues 司法建议, a procuratorate 检察建议 (by MemberUnit.kind).
KIND_OF_ISSUER = {"court": Kind.JUDICIAL, "procuratorate": Kind.PROCURATORIAL}


class ReplyRule(models.Model):
    """How long the addressee has to reply, by kind, type and urgency, with its legal basis (data, not code)."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    type = models.CharField(_("type"), max_length=20, choices=SuggestionType.choices, blank=True,
                            help_text=_("Blank: any type of this kind."))
    urgent = models.BooleanField(_("urgent"), null=True, blank=True, help_text=_("Blank: urgent or not."))
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    working_days = models.BooleanField(_("days are working days (工作日)"), default=False,
                                       help_text=_("Count the days on the office's working-day calendar."))
    basis = models.CharField(_("legal basis"), max_length=300)
    order = models.PositiveSmallIntegerField(_("precedence"), default=100,
                                             help_text=_("The first matching rule in this order applies."))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("reply rule")
        verbose_name_plural = _("reply rules")

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_text}"

    @property
    def period_text(self):
        parts = []
        if self.months:
            parts.append(f"{self.months}个月")
        if self.days:
            parts.append(f"{self.days}个工作日" if self.working_days else f"{self.days}日")
        return "".join(parts)


class Status(models.TextChoices):
    AWAITING_REPLY = "awaiting_reply", _("Awaiting reply")
    REPLIED = "replied", _("Replied, awaiting evaluation")
    RETURNED = "returned", _("Returned for follow-up")
    CLOSED = "closed", _("Evaluated and closed")


class Adoption(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    PARTLY = "partly", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class SuggestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Office and leaders: all (备案). The issuer's staff: what their unit issued. Liaisons: what their unit got."""
        from fuyuan.accounts.roles import Role

        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        if user.role in (Role.OFFICE, Role.LEADER):
            return self
        if user.role == Role.ISSUER and user.unit_id:
            return self.filter(Q(issuer_id=user.unit_id) | Q(addressee_id=user.unit_id))
        if user.role == Role.LIAISON and user.unit_id:
            return self.filter(addressee_id=user.unit_id)
        return self.none()


def attachment_path(instance, filename):
    return f"suggestions/{instance.issued_on:%Y}/{filename}"


class Suggestion(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    type = models.CharField(_("type"), max_length=20, choices=SuggestionType.choices)
    doc_number = models.CharField(_("document number"), max_length=60)
    issuer = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="issued_suggestions",
                               verbose_name=_("issued by"))
    addressee = models.ForeignKey(MemberUnit, on_delete=models.PROTECT, related_name="received_suggestions",
                                  verbose_name=_("addressed to"))
    copy_to = models.ManyToManyField(MemberUnit, related_name="+", blank=True, verbose_name=_("copied to"))
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, blank=True)
    issued_on = models.DateField(_("issued on"))
    served_on = models.DateField(_("served on"))
    urgent = models.BooleanField(_("urgent"), default=False)
    reply_due_on = models.DateField(_("reply due"))
    reply_due_reason = models.CharField(_("reason for the reply deadline"), max_length=300, blank=True)
    rule = models.ForeignKey(ReplyRule, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("reply rule"))
    task = models.OneToOneField("tasks.Task", on_delete=models.PROTECT, related_name="suggestion",
                                verbose_name=_("reply item"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_REPLY,
                              db_index=True)
    # The reply (from the addressee)
    reply_text = models.TextField(_("reply"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    rectification = models.TextField(_("rectification"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    # Judged once, at the first reply, against the deadline then in force (a later 跟踪问效 moves the deadline).
    replied_on_time = models.BooleanField(_("replied on time"), null=True, blank=True)
    # The evaluation (by the issuer)
    adoption = models.CharField(_("adoption"), max_length=20, choices=Adoption.choices, blank=True)
    rectified = models.BooleanField(_("rectified"), null=True, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [models.UniqueConstraint(fields=["issuer", "doc_number"], name="doc_number_once_per_issuer")]

    def __str__(self):
        return f"{self.doc_number} {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("suggestions:detail", args=[self.pk])
