"""Messages to units, their outbox rows per channel and recipient, units' and accounts' contacts, escalations.

A Message is one event told to one unit (or to the office when `unit` is empty); it is read when an account
of that unit opens its link or the item. Each Delivery is one send of it through one channel to one address,
written in the same transaction as the event and delivered later by the worker (fuyuan.messaging.worker).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WECOM = "wecom", _("WeCom group robot")
    DINGTALK = "dingtalk", _("DingTalk group robot")
    SMS = "sms", _("SMS")


class MessageKind(models.TextChoices):
    ASSIGNED = "assigned", _("Assignment")
    REMINDER = "reminder", _("Reminder")
    RETURNED = "returned", _("Sent back")
    EXTENSION = "extension", _("Extension decision")
    MEETING = "meeting", _("Meeting notice")
    ESCALATION = "escalation", _("Escalation")
    NOTICE = "notice", _("Notice")


class Message(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=MessageKind.choices, default=MessageKind.NOTICE)
    # The unit told; empty for messages to the office. Read receipts count only this unit's accounts.
    unit = models.ForeignKey("units.MemberUnit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="messages", verbose_name=_("unit"))
    # The supervised item, by id: messaging sits below tasks and must not import it.
    task_id = models.PositiveIntegerField(_("item"), null=True, blank=True, db_index=True)
    reminder_id = models.PositiveIntegerField(null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("message"))
    path = models.CharField(max_length=200, blank=True, help_text="where the link leads once read")
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("read by"))
    read_via = models.CharField(max_length=10, blank=True)  # "link" or "app"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["task_id", "unit"]), models.Index(fields=["kind", "read_at"])]

    def __str__(self):
        return self.subject


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Delivered")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """The outbox row: one message through one channel to one address; accepted once, never sent again."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("recipient"), max_length=500)
    # Who the address stands for ("office group", "unit group", "liaison", an account's name), for the office's page.
    label = models.CharField(max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # While a worker holds the row; a worker that died leaves it to expire and the row is due again.
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    answer = models.TextField(_("channel's answer"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["message", "channel", "address"], name="one_delivery_each")]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.label or self.address}"


class RobotKind(models.TextChoices):
    WECOM = "wecom", _("WeCom / 政务微信 group robot")
    DINGTALK = "dingtalk", _("DingTalk / 浙政钉 group robot")


class UnitContacts(models.Model):
    """How a unit is reached besides its accounts' e-mail, set by the office; and whom silence escalates to."""

    unit = models.OneToOneField("units.MemberUnit", on_delete=models.CASCADE, related_name="contacts")
    sms_mobile = models.CharField(_("liaison's mobile (SMS)"), max_length=20, blank=True)
    robot_kind = models.CharField(_("group robot"), max_length=10, choices=RobotKind.choices, blank=True)
    robot_url = models.CharField(_("group robot webhook address"), max_length=500, blank=True)
    robot_secret = models.CharField(_("signing secret (DingTalk)"), max_length=200, blank=True)
    leader_in_charge_name = models.CharField(_("leader in charge (分管领导)"), max_length=50, blank=True)
    leader_in_charge_mobile = models.CharField(_("leader in charge's mobile"), max_length=20, blank=True)
    head_name = models.CharField(_("head of unit (主要负责人)"), max_length=50, blank=True)
    head_mobile = models.CharField(_("head of unit's mobile"), max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit contacts")
        verbose_name_plural = _("unit contacts")

    def __str__(self):
        return str(self.unit)


class AccountMobile(models.Model):
    """An account's own mobile number for SMS, given with its holder's consent (withdrawing consent erases it)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mobile")
    mobile = models.CharField(_("mobile number"), max_length=20)
    consented_at = models.DateTimeField(_("consent given at"))

    class Meta:
        verbose_name = _("account mobile number")
        verbose_name_plural = _("account mobile numbers")

    def __str__(self):
        return str(self.user)


class EscalationReason(models.TextChoices):
    UNREAD = "unread", _("Reminder still unread")
    OVERDUE = "overdue", _("Still overdue after the reminder")


class Escalation(models.Model):
    """A reminder that silence or lateness escalated to the unit's leaders; on the office's queue until handled."""

    reminder_message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="escalations")
    reason = models.CharField(_("reason"), max_length=10, choices=EscalationReason.choices)
    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="escalation_of")
    created_at = models.DateTimeField(_("escalated at"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints = [models.UniqueConstraint(fields=["reminder_message", "reason"], name="escalate_once")]
        indexes = [models.Index(fields=["handled_at"], condition=Q(handled_at__isnull=True), name="open_escalations")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.reminder_message}"
