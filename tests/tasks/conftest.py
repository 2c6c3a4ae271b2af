"""Fixtures of the supervision tests: a clock the test moves."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


class Clock:
    """timezone.now() at ten in the morning in Shanghai on `today`, which the test moves."""

    def __init__(self):
        self.start = self.today = timezone.localdate()

    def now(self):
        return datetime.datetime.combine(self.today, datetime.time(10), tzinfo=SHANGHAI)

    def move(self, days):
        self.today += datetime.timedelta(days=days)

    def day(self, offset):
        return self.today + datetime.timedelta(days=offset)


@pytest.fixture
def clock(monkeypatch, settings):
    settings.DUE_SOON_DAYS = 7
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock.now)
    return clock
