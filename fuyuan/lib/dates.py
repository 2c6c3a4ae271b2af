"""Dates as Chinese text prints them."""

import datetime


def arabic_date(day: datetime.date | None) -> str:
    """2026年11月29日 (nothing for no date): the 成文日期, the 印发日期 and dates in text, pages and workbooks."""
    # GB/T 9704-2012 §7.3.5.4 (成文日期中的数字; §7.4.3 for the 印发日期): the date is written in Arabic
    # numerals with year, month and day all given, the year in its four digits, and no padding zero before a
    # one-digit month or day (1, not 01). The 1999 edition wrote the 成文日期 in Chinese numerals (二〇二六年…).
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
