"""Password rule Django lacks: a minimum number of character classes."""

from django.core.exceptions import ValidationError
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

