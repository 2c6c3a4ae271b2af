"""Password rules Django lacks: character classes, no reuse of recent passwords, no account name inside."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def character_classes(password: str) -> int:
    """How many of upper case, lower case, digits and symbols the password uses."""
    checks = (
        any(c.isupper() for c in password),
        any(c.islower() for c in password),
        any(c.isdigit() for c in password),
        any(not (c.isupper() or c.islower() or c.isdigit()) for c in password),
    )
    return sum(checks)


class CharacterClassesValidator:
    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_few_character_classes")

    def get_help_text(self):
        return ngettext(
            "Your password must mix at least %(n)d of: upper-case letters, lower-case letters, digits, symbols.",
            "Your password must mix at least %(n)d of: upper-case letters, lower-case letters, digits, symbols.",
            self.min_classes,
        ) % {"n": self.min_classes}



class PasswordHistoryValidator:
    """The current password and the `history` before it cannot be chosen again (等保 8.1.4.1)."""

    def __init__(self, history=5):
        self.history = history

    def validate(self, password, user=None):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import check_password

        from .models import PasswordHistory

        if user is None or not user.pk:
            return
        # The stored hash (a form may already have replaced the in-memory one) and the history, whose newest
        # entry is the current password: current + `history` previous.
        current = get_user_model().objects.filter(pk=user.pk).values_list("password", flat=True).first()
        hashes = [current] if current else []
        hashes += list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[:self.history + 1])
        if any(check_password(password, encoded) for encoded in dict.fromkeys(hashes)):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password, user=None):
        """Remember the new hash; keep only as many as the rule looks back."""
        from .models import PasswordHistory

        if user is None or not user.pk:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[self.history + 1:]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self):
        return ngettext(
            "Your password cannot be your current password or the previous one.",
            "Your password cannot be your current password or any of the previous %(n)d.",
            self.history,
        ) % {"n": self.history}


class NoUsernameValidator:
    """A password that contains the account name (in any case) is refused."""

    def validate(self, password, user=None):
        username = (getattr(user, "username", "") or "").lower()
        if len(username) >= 3 and username in password.lower():
            raise ValidationError(self.get_help_text(), code="password_contains_username")

    def get_help_text(self):
        return _("Your password cannot contain your account name.")
