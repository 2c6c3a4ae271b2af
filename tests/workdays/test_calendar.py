"""The working-day calendar: arithmetic, the shipped 2025–2027 data, the office's page, rules in 工作日."""

import datetime

from django.urls import reverse

from fuyuan.workdays.calendar import add_working_days, count_working_days, nth_working_day_after, working_days_between
from fuyuan.workdays.models import CalendarDay
from fuyuan.workdays.seed import DAYS
from fuyuan.workdays.services import seed_calendar
from suggestions.rules import reply_due_date

D = datetime.date


def test_weekends_rest_and_overrides_win():
    holiday, saturday = D(2026, 11, 30), D(2026, 11, 28)
    assert count_working_days(D(2026, 11, 27), D(2026, 12, 4), {}) == 5
    assert count_working_days(D(2026, 11, 27), D(2026, 12, 4), {holiday: False, saturday: True}) == 5
    assert count_working_days(D(2026, 11, 27), D(2026, 12, 4), {holiday: False}) == 4
    assert nth_working_day_after(D(2026, 11, 27), 1, {}) == D(2026, 11, 30)
    assert nth_working_day_after(D(2026, 11, 27), 1, {saturday: True}) == saturday
    assert nth_working_day_after(D(2026, 11, 27), 0, {}) == D(2026, 11, 27)
    assert count_working_days(D(2026, 12, 4), D(2026, 12, 1), {}) == 0


def test_the_shipped_calendar_has_the_published_arrangements(db):
    seed_calendar()
    assert seed_calendar() == 0  # idempotent
    # 2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked: 14, 24–27, 28.
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 28)) == 6
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)
    assert CalendarDay.objects.get(date=D(2026, 10, 10)).is_working_day
    assert {d[:4] for d, _w, _n in DAYS} == {"2025", "2026", "2027"}


def test_a_reply_rule_in_working_days_skips_the_holidays(db):
    seed_calendar()
    served = D(2026, 9, 28)  # a Monday before National Day
    assert reply_due_date(served, 0, 7) == D(2026, 10, 5)
    # 29, 30 September; 8, 9, 10 (a 调休 Saturday), 12, 13 October
    assert reply_due_date(served, 0, 7, working_days=True) == D(2026, 10, 13)


def test_the_office_adds_and_removes_a_day(world):
    office = world.client("office")
    response = office.post(reverse("workdays:calendar"), {"date": "2027-02-05", "is_working_day": "0",
                                                          "name": "春节"})
    assert response.status_code == 302
    day = CalendarDay.objects.get(date=D(2027, 2, 5))
    assert not day.is_working_day and day.name == "春节"
    page = office.get(reverse("workdays:calendar"), {"year": "2027"}).content.decode()
    assert "2027-02-05" in page and "春节" in page
    assert office.get(reverse("workdays:calendar"), {"year": "abc"}).status_code == 200
    office.post(reverse("workdays:remove", args=[day.pk]))
    assert not CalendarDay.objects.filter(date=D(2027, 2, 5)).exists()


def test_a_bad_date_changes_nothing(world):
    before = CalendarDay.objects.count()
    response = world.client("office").post(reverse("workdays:calendar"), {"date": "2027-02-30",
                                                                           "is_working_day": "0"})
    assert response.status_code == 200 and CalendarDay.objects.count() == before
