"""Issue 10.4: the report form offers the oldest owed period first, and reporting it clears that 缺报 everywhere."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fuyuan.assessment.scoring import score
from tasks.models import Task
from tasks.selectors import missing_periods
from tests.tasks.builders import make_task

TODAY = timezone.localdate()


@pytest.fixture
def owed(world):
    """A long-term item assigned 200 days ago: 旗公安局 owes at least one past quarter."""
    return make_task(world, "长期事项", due_in=None, assigned_on=TODAY - datetime.timedelta(days=200))


def select_options(html):
    select = re.search(r'<select name="period_key".*?</select>', html, re.S)[0]
    return re.findall(r'<option value="([^"]+)"( selected)?>([^<]*)</option>', select)


def test_the_form_lists_owed_periods_first_marked_and_chooses_the_oldest(world, owed):
    periods = missing_periods(owed, world.unit("旗公安局"), TODAY)
    assert periods
    options = select_options(world.client("gaj").get(reverse("tasks:detail", args=[owed.pk])).content.decode())
    assert [key for key, _selected, _label in options[:len(periods)]] == [p.key for p in periods]
    assert all("缺报" in label for _key, _selected, label in options[:len(periods)])
    assert not any("缺报" in label for _key, _selected, label in options[len(periods):])
    assert [key for key, selected, _label in options if selected] == [periods[0].key]


def test_reporting_every_owed_period_clears_the_badge_everywhere(world, owed):
    gaj = world.client("gaj")
    unit = world.unit("旗公安局")
    for period in missing_periods(owed, unit, TODAY):
        # The form's default is the oldest owed period: post exactly what it offers.
        options = select_options(gaj.get(reverse("tasks:detail", args=[owed.pk])).content.decode())
        chosen = next(key for key, selected, _label in options if selected)
        assert chosen == period.key
        gaj.post(reverse("tasks:report", args=[owed.pk]), {"period_key": chosen, "text": "已报送"})
    assert missing_periods(Task.objects.get(pk=owed.pk), unit, TODAY) == []
    office = world.client("office")
    ledger = office.get(reverse("tasks:ledger"), {"unit": unit.pk, "missing": "true"}).content.decode()
    assert "长期事项" not in ledger
    dashboard = office.get(reverse("dashboard")).context
    assert next(r for r in dashboard["units"] if r["unit__name"] == "旗公安局")["missing_count"] == 0
    assert dashboard["counts"]["missing_report"] == 0
    mine = next(s for s in score(TODAY.year, TODAY) if s.unit.pk == unit.pk)
    assert mine.counts.get("missing_report", 0) == 0
    task_page = gaj.get(reverse("tasks:detail", args=[owed.pk])).content.decode()
    assert 'text-bg-danger">缺报<' not in task_page
    assert 'text-bg-danger me-1">' not in task_page  # no owed period listed against any unit


def test_an_invalid_report_comes_back_with_the_owed_periods_still_first_and_marked(world, owed):
    gaj = world.client("gaj")
    url = reverse("tasks:detail", args=[owed.pk])
    page_options = [(key, label) for key, _selected, label in select_options(gaj.get(url).content.decode())]
    oldest = page_options[0][0]
    response = gaj.post(reverse("tasks:report", args=[owed.pk]), {"text": "", "period_key": oldest})
    assert response.status_code == 200 and 'class="errorlist"' in response.content.decode()
    options = select_options(response.content.decode())
    assert [(key, label) for key, _selected, label in options] == page_options
    assert [key for key, selected, _label in options if selected] == [oldest]
