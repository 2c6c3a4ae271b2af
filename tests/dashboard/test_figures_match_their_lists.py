"""Issue 10.5: every figure on the dashboard equals the number of items in the list its link opens."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tasks import services
from tests.tasks.builders import make_task

TODAY = timezone.localdate()


def listed(client, url):
    """How many items the linked page says it lists."""
    html = client.get(url).content.decode()
    return int(re.search(r'data-testid="(?:ledger|suggestion)-total">共?(\d+)', html)[1])


@pytest.fixture
def lagging(world):
    """缺报 on several items, only some by 旗公安局: the case where a unit's count and its list used to differ."""
    long_ago = TODAY - datetime.timedelta(days=200)
    both = make_task(world, "长期·两单位都缺报", responsible=["旗财政局"], due_in=None, assigned_on=long_ago)
    make_task(world, "长期·财政局牵头", lead="旗财政局", responsible=["旗公安局"], due_in=None, assigned_on=long_ago)
    only_fiscal = make_task(world, "长期·只有财政局缺报", responsible=["旗财政局"], due_in=None, assigned_on=long_ago)
    from tasks.selectors import missing_periods

    for period in missing_periods(only_fiscal, world.unit("旗公安局"), TODAY):
        services.report_progress(task=only_fiscal, by=world.user("gaj"), text="已报", period_key=period.key)
    make_task(world, "逾期", due_in=-3, responsible=["旗财政局"])
    make_task(world, "临期", lead="旗财政局", due_in=2)
    closed = make_task(world, "已办结", due_in=5)
    services.request_closure(task=closed, by=world.user("gaj"), summary="完成")
    services.close(task=closed, by=world.user("office"))
    return both


def test_every_dashboard_figure_equals_its_list(world, lagging):
    client = world.client("leader")
    response = client.get(reverse("dashboard"))
    context = response.context
    assert listed(client, context["total_url"]) == context["counts"]["total"]
    for light, count, url in context["lights"]:
        assert listed(client, url) == count, light
    assert listed(client, context["missing_url"]) == context["counts"]["missing_report"] == 3
    for row in context["categories"]:
        assert listed(client, row["url"]) == row["total"], row["label"]
        for light, count, url in row["segments"]:
            assert listed(client, url) == count, (row["label"], light)
    for row in context["units"]:
        name = row["unit__name"]
        assert listed(client, row["url"]) == row["lead"] + row["responsible"], name
        assert listed(client, row["lead_overdue_url"]) == row["lead_overdue"], name
        assert listed(client, row["overdue_url"]) == row["lead_overdue"] + row["responsible_overdue"], name
        assert listed(client, row["missing_url"]) == row["missing_count"], name
    gaj = next(row for row in context["units"] if row["unit__name"] == "旗公安局")
    assert gaj["missing_count"] == 2  # not 3: it reported everything on the third item


def test_the_bulletin_and_assessment_count_the_same_missing_reports(world, lagging):
    from fuyuan.assessment.scoring import score

    office = world.client("office")
    dashboard = office.get(reverse("dashboard")).context
    by_unit = {row["unit_id"]: row["missing_count"] for row in dashboard["units"]}
    assessed = {s.unit.pk: s.counts.get("missing_report", 0) for s in score(TODAY.year, TODAY)}
    for unit_id, count in by_unit.items():
        assert assessed.get(unit_id, 0) == count
