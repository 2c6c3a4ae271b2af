"""The dashboard: its numbers equal the ledger's for the same filters, every number links there, queries are fixed."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tasks import services
from tasks.models import Origin, Task, TaskUnit
from tests.tasks.builders import make_task

YEAR = timezone.localdate().year


def ledger_count(client, url):
    html = client.get(url).content.decode()
    return len(re.findall(r'<tr data-task="', html)) if "page=" in url else int(
        re.search(r'data-testid="ledger-total">共?(\d+)', html)[1])


@pytest.fixture
def ledger(world):
    make_task(world, "逾期一", due_in=-3)
    make_task(world, "逾期二", lead="旗财政局", responsible=["旗公安局"], due_in=-1)
    make_task(world, "临期", due_in=2)
    make_task(world, "正常", lead="旗人民法院", due_in=30)
    make_task(world, "长期", due_in=None, assigned_on=timezone.localdate() - datetime.timedelta(days=200))
    closed = make_task(world, "已办结", due_in=5)
    services.request_closure(task=closed, by=world.user("gaj"), summary="完成")
    services.close(task=closed, by=world.user("office"))


def test_every_figure_equals_the_ledger_it_links_to(world, ledger):
    client = world.client("leader")
    response = client.get(reverse("dashboard"))
    html = response.content.decode()
    figures = dict(re.findall(r'data-figure="(\w+)" data-count="(\d+)"', html))
    assert figures["overdue"] == "2" and figures["due_soon"] == "1" and figures["closed_on_time"] == "1"
    for light, count, url in response.context["lights"]:
        assert ledger_count(client, url) == count, light
    assert ledger_count(client, response.context["missing_url"]) == response.context["counts"]["missing_report"] == 1
    for row in response.context["categories"]:
        for _light, count, url in row["segments"]:
            assert ledger_count(client, url) == count


def test_the_unit_ranking_puts_the_lagging_unit_first_and_links_to_its_items(world, ledger):
    client = world.client("office")
    response = client.get(reverse("dashboard"))
    first = response.context["units"][0]
    assert first["unit__name"] == "旗公安局"
    assert (first["lead"], first["lead_overdue"], first["responsible_overdue"], first["missing_count"]) == (4, 1, 1, 1)
    assert ledger_count(client, first["lead_overdue_url"]) == 1
    fiscal = next(row for row in response.context["units"] if row["unit__name"] == "旗财政局")
    assert fiscal["lead_overdue"] == 1


def test_rates(world, ledger):
    response = world.client("office").get(reverse("dashboard"))
    assert response.context["completion_rate"] == pytest.approx(1 / 6)
    assert response.context["on_time_rate"] == 1.0


def test_only_office_and_leaders(world):
    for username in ("gaj", "court", "sysadmin", "auditor"):
        assert world.client(username).get(reverse("dashboard")).status_code == 403


def bulk_tasks(world, n):
    """n assigned tasks with two units each, inserted in bulk (the query count is what is measured)."""
    today = timezone.localdate()
    rows = [Task(origin=Origin.ADHOC, title=f"事项{i}", number=str(i), sort_key=f"{i:06d}", status="in_progress",
                 deadline_kind="date", due_date=today + datetime.timedelta(days=i % 40 - 10), assigned_on=today)
            for i in range(n)]
    Task.objects.bulk_create(rows)
    units = [world.unit("旗公安局"), world.unit("旗财政局"), world.unit("旗司法局")]
    TaskUnit.objects.bulk_create(
        [TaskUnit(task=task, unit=units[i % 3], role="lead", order=0) for i, task in enumerate(Task.objects.all())]
        + [TaskUnit(task=task, unit=units[(i + 1) % 3], role="responsible", order=1)
           for i, task in enumerate(Task.objects.all())])


@pytest.mark.parametrize("size", [10, 1000])
def test_the_query_count_is_fixed(world, size, django_assert_max_num_queries):
    bulk_tasks(world, size)
    client = world.client("leader")
    # 15: the session and the account; the stored lights checked once (so the counts group by columns); counts per
    # light and category in one; per unit, then the units' names and reminders; suggestions; the meetings' cadence
    # (2); the indicators off target (indicators, population, one statement for the cases', hearings' and
    # suggestions' aggregates); the two lists; the unread notifications. The day's first reader also brings the
    # stored lights up to date (light_state.current): that once-a-day write is not what every view costs.
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(15):
        response = client.get(reverse("dashboard"))
    assert response.context["counts"]["total"] == size


def test_a_unit_counts_the_reminders_it_received_in_the_year_shown(world):
    task = make_task(world, "催办过的事项", responsible=["旗财政局"], due_in=-3)
    services.remind(task=task, by=world.user("office"), message="请抓紧", units=[world.unit("旗公安局")])
    services.remind(task=task, by=world.user("office"), message="再催", units=[world.unit("旗公安局")])
    old = services.remind(task=task, by=world.user("office"), message="去年", units=[world.unit("旗公安局")])[0]
    old.sent_at = old.sent_at.replace(year=YEAR - 1)
    old.save(update_fields=["sent_at"])
    units = {row["unit__name"]: row for row in world.client("leader").get(reverse("dashboard")).context["units"]}
    assert units["旗公安局"]["reminders"] == 2 and units["旗财政局"]["reminders"] == 0
