"""Text helpers for pages that print many rows."""

import unicodedata

from django.utils.text import add_truncation_text


def clipper(limit: int):
    """A function that shortens text to `limit` characters as Django's Truncator(text).chars(limit) does.

    Truncator looks up the translated ellipsis (zh-hans: "...") on every call, through lazy-string and
    thread-local machinery that costs more than the row it shortens; here it is looked up once, for a list
    of rows. Text is NFC-normalised first, as Truncator does (which also counts a combining mark left after
    that as no width; here it counts as one character).
    """
    suffix = add_truncation_text("")
    keep = max(limit - len(suffix), 0)

    def clip(text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        return text if len(text) <= limit else text[:keep] + suffix

    return clip
