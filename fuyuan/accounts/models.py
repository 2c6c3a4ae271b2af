"""The Fuyuan account: a Django user with one role and, for liaisons and issuers, one member unit."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    unit = models.ForeignKey(
        "units.MemberUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
        verbose_name=_("member unit"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    must_change_password = models.BooleanField(_("must change password at next login"), default=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    password_expiry_exempt = models.BooleanField(
        _("exempt from password expiry"),
        default=False,
        help_text=_("For demonstration accounts only."),
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return self.full_name or self.username

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    @property
    def password_expired(self) -> bool:
        max_age = settings.PASSWORD_MAX_AGE_DAYS
        if not max_age or self.password_expiry_exempt:
            return False
        changed = self.password_changed_at or self.date_joined
        return timezone.now() - changed > timedelta(days=max_age)

    @property
    def needs_password_change(self) -> bool:
        return self.must_change_password or self.password_expired

    # django-otp's contract on request.user (as its OTPMiddleware sets it): `otp_device`, the account's confirmed
    # device that verified this session or None, and `is_verified()`. AccountMiddleware gives the account a finder
    # and the device is looked up on first use, not on every request (ordinary pages never ask).
    @property
    def otp_device(self):
        if "_otp_device" not in self.__dict__:
            find = self.__dict__.get("_otp_device_finder")
            self.__dict__["_otp_device"] = find() if find else None
        return self.__dict__["_otp_device"]

    @otp_device.setter
    def otp_device(self, device):
        self.__dict__["_otp_device"] = device

    def is_verified(self) -> bool:
        """The session was verified with a second factor by a device this account still has, confirmed."""
        return self.otp_device is not None


class PasswordHistory(models.Model):
    """Hashes of an account's recent passwords (the current one included), so none is reused."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history",
                             verbose_name=_("account"))
    password = models.CharField(_("password"), max_length=256)
    created_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("previous password")
        verbose_name_plural = _("previous passwords")

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d}"
