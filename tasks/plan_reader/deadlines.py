"""Deadline phrases of plan tasks (完成时限) to a kind, a due date and a cycle.

Precedence when a phrase mixes things: an explicit date wins (2021年6月底前完成，并长期坚持 is a
dated task), then long-term wording (长期坚持，每季度通报 is long-term with a quarterly cycle), then a
stated cycle or 定期 (periodic).  Anything else is ``DEADLINE_NONE``.
"""

import calendar
import datetime
import re

from .text import normalize_text, to_label_script

DEADLINE_DATE = "date"
DEADLINE_LONG_TERM = "long_term"
DEADLINE_PERIODIC = "periodic"
DEADLINE_NONE = "none"

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# A year that is the end of a range (2021—2025年) or part of a longer number is not a deadline.
_YEAR = r"(?<![\d—\-~～至到])(\d{4})\s*年"

_FULL_DATE = re.compile(r"(?<!\d)(\d{4})\s*(?:年|[.\-/])\s*(\d{1,2})\s*(?:月|[.\-/])\s*(\d{1,2})(?!\d)")
_MONTH = re.compile(_YEAR + r"\s*(\d{1,2})\s*月(?:份)?(上旬|中旬|下旬)?")
_QUARTER = re.compile(_YEAR + r"\s*第?([一二三四1-4])季度")
_HALF = re.compile(_YEAR + r"\s*(上半年|年中|下半年)")
_YEAR_END = re.compile(_YEAR + r"(?!\d)")

_LONG_TERM = re.compile(r"长期|持续|常态化|长效|常年")
_CYCLES = (  # checked in order: 半年 before 年
    ("monthly", re.compile(r"每(?:个)?月|按月|逐月|月度")),
    ("quarterly", re.compile(r"每(?:个)?季|按季|季度")),
    ("half_yearly", re.compile(r"每半年|半年一次|按半年")),
    ("yearly", re.compile(r"每(?:一)?年|按年|一年一次|年度")),
)
_PERIODIC = re.compile(r"定期|每周|每旬|每日|每天")


def _month_end(year: int, month: int) -> datetime.date | None:
    """Last day of the month, or None for an impossible month."""
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _full_date(m: re.Match) -> datetime.date | None:
    """2021年4月30日 (also 2021-04-30, 2021.4.30)."""
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _month(m: re.Match) -> datetime.date | None:
    """2021年4月 / 2021年6月底前 -> month end; 上旬/中旬 -> the 10th/20th."""
    end = _month_end(int(m[1]), int(m[2]))
    day = {"上旬": 10, "中旬": 20}.get(m[3] or "")
    return end.replace(day=day) if end and day else end


def _quarter(m: re.Match) -> datetime.date | None:
    """2021年第二季度 -> quarter end."""
    return _month_end(int(m[1]), _CN_DIGITS[m[2]] * 3)


def _half(m: re.Match) -> datetime.date | None:
    """2021年上半年 -> 06-30, 2021年下半年 -> 12-31."""
    return _month_end(int(m[1]), 12 if m[2] == "下半年" else 6)


def _year_end(m: re.Match) -> datetime.date | None:
    """2021年底前 / 2016年底完成 / 2005年完成 -> 12-31."""
    return _month_end(int(m[1]), 12)


_DATE_RULES = (
    (_FULL_DATE, _full_date),
    (_MONTH, _month),
    (_QUARTER, _quarter),
    (_HALF, _half),
    (_YEAR_END, _year_end),
)


def _due_date(text: str) -> datetime.date | None:
    """The earliest-positioned date in text, read with the most specific rule that matches there."""
    found = []
    for regex, convert in _DATE_RULES:
        m = regex.search(text)
        if m and (day := convert(m)):
            found.append((m.start(), -m.end(), day))
    return min(found)[2] if found else None


def _cycle(text: str) -> str:
    """The stated repetition cycle, or ""."""
    return next((name for name, regex in _CYCLES if regex.search(text)), "")


def parse_deadline(text: str) -> tuple[str, datetime.date | None, str]:
    """Read a 完成时限 phrase as (kind, due_date, cycle)."""
    text = to_label_script(normalize_text(text))
    if day := _due_date(text):
        return DEADLINE_DATE, day, ""
    cycle = _cycle(text)
    if _LONG_TERM.search(text):
        return DEADLINE_LONG_TERM, None, cycle
    if cycle or _PERIODIC.search(text):
        return DEADLINE_PERIODIC, None, cycle
    return DEADLINE_NONE, None, ""
