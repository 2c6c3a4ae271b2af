"""Values as the templates print them, made once in Python for pages that print many rows."""

import datetime
import functools

from django.utils import timezone
from django.utils.translation import get_language


@functools.lru_cache(maxsize=64)
def _labels(choices, language):
    # A choice class's labels in one language, translated once per process (they do not change at run time).
    return {value: str(label) for value, label in choices.choices}


def choice_label(choices, value):
    """What get_FOO_display() shows for `value` of a field with these TextChoices, from a cached table.

    get_FOO_display() rebuilds and hashes the whole choice list on every call; a page with a label per row
    paid that per row.
    """
    return _labels(choices, get_language()).get(value, value)


def minute(moment: datetime.datetime | None) -> str:
    """A time as |date:"Y-m-d H:i" prints it (in the current time zone), "" for none."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
