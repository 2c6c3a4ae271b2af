"""The ledger page: what the office and a liaison see, filter, count and sort."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tasks import services
from tasks.bulk_create import NewTask, create_tasks
from tasks.models import Origin
from tests.tasks.builders import days, make_task

LEDGER = reverse("tasks:ledger")


def rows(response):
    """The task ids of the ledger's rows, in page order."""
    return [int(pk) for pk in re.findall(r'<tr data-task="(\d+)"', response.content.decode())]


def light_count(response, light):
    match = re.search(rf'data-light="{light}" data-count="(\d+)"', response.content.decode())
    return int(match[1])


@pytest.fixture
def ledger(world):
    """Four items: overdue, due soon, on track (lead 公安局), and one of 财政局 with 公安局 responsible; one closed."""
    overdue = make_task(world, "逾期事项", due_in=-3)
    soon = make_task(world, "临期事项", due_in=5)
    fine = make_task(world, "正常事项", lead="旗财政局", responsible=["旗公安局"], due_in=40)
    other = make_task(world, "财政局独办事项", lead="旗财政局", due_in=40)
    closed = make_task(world, "已办结事项", lead="旗财政局", due_in=10)
    services.request_closure(task=closed, by=world.user("czj"), summary="已完成")
    services.close(task=closed, by=world.user("office"))
    return {"overdue": overdue, "soon": soon, "fine": fine, "other": other, "closed": closed}


def test_office_sees_every_item_red_first(world, ledger):
    response = world.client("office").get(LEDGER)
    assert response.status_code == 200
    assert rows(response)[:2] == [ledger["overdue"].pk, ledger["soon"].pk]
    assert set(rows(response)) == {task.pk for task in ledger.values()}


def test_counts_per_light_at_the_top(world, ledger):
    response = world.client("office").get(LEDGER)
    assert light_count(response, "overdue") == 1
    assert light_count(response, "due_soon") == 1
    assert light_count(response, "on_track") == 2
    assert light_count(response, "closed_on_time") == 1


def test_clicking_a_light_narrows_the_ledger_and_keeps_the_counts(world, ledger):
    response = world.client("office").get(LEDGER, {"light": "overdue"})
    assert rows(response) == [ledger["overdue"].pk]
    assert light_count(response, "on_track") == 2


def test_filter_by_unit_and_part(world, ledger):
    client = world.client("office")
    unit = world.unit("旗公安局").pk
    assert set(rows(client.get(LEDGER, {"unit": unit}))) == {ledger["overdue"].pk, ledger["soon"].pk,
                                                           ledger["fine"].pk}
    assert rows(client.get(LEDGER, {"unit": unit, "part": "responsible"})) == [ledger["fine"].pk]


def test_text_search_finds_title_and_unit_names(world, ledger):
    client = world.client("office")
    assert rows(client.get(LEDGER, {"q": "独办"})) == [ledger["other"].pk]
    assert ledger["other"].pk in rows(client.get(LEDGER, {"q": "财政局"}))
    assert ledger["overdue"].pk not in rows(client.get(LEDGER, {"q": "财政局 独办"}))


def test_status_open_hides_closed_items(world, ledger):
    found = rows(world.client("office").get(LEDGER, {"status": "open"}))
    assert ledger["closed"].pk not in found and ledger["overdue"].pk in found


def test_sort_by_deadline_both_ways(world, ledger):
    client = world.client("office")
    ascending = rows(client.get(LEDGER, {"sort": "due"}))
    assert ascending[0] == ledger["overdue"].pk
    assert rows(client.get(LEDGER, {"sort": "-due"}))[-1] == ledger["overdue"].pk


def test_liaison_sees_only_its_units_items(world, ledger):
    found = set(rows(world.client("gaj").get(LEDGER)))
    assert found == {ledger["overdue"].pk, ledger["soon"].pk, ledger["fine"].pk}


def test_drafts_are_not_shown_to_liaisons(world):
    draft = make_task(world, "草稿事项", assign=False)
    assert draft.pk not in rows(world.client("gaj").get(LEDGER))
    assert draft.pk in rows(world.client("office").get(LEDGER))


def test_fifty_a_page(world):
    for n in range(55):
        make_task(world, f"事项{n}", due_in=30 + n)
    client = world.client("office")
    assert len(rows(client.get(LEDGER))) == 50
    assert len(rows(client.get(LEDGER, {"page": 2}))) == 5


def test_rows_link_to_the_task_page(world, ledger):
    html = world.client("office").get(LEDGER).content.decode()
    assert f'href="/tasks/{ledger["soon"].pk}/"' in html


def test_bulk_reminder_chases_the_selected_open_items(world, ledger):
    response = world.client("office").post(reverse("tasks:bulk_remind"), {
        "tasks": [ledger["overdue"].pk, ledger["closed"].pk], "message": "请于本周内报送",
    }, follow=True)
    assert ledger["overdue"].reminders.count() == 1
    assert ledger["closed"].reminders.count() == 0
    assert "1" in response.content.decode()


def test_bulk_reminder_is_office_only(world, ledger):
    response = world.client("leader").post(reverse("tasks:bulk_remind"), {"tasks": [ledger["overdue"].pk],
                                                                       "message": "x"})
    assert response.status_code == 403
    assert ledger["overdue"].reminders.count() == 0


@pytest.mark.parametrize("size", [10, 500])
def test_query_count_does_not_grow_with_rows(world, size, django_assert_max_num_queries):
    # The rows create_task + assign would write (tests/tasks/test_bulk_creation.py), in a handful of statements.
    create_tasks([NewTask(title=f"事项{n}", origin=Origin.ADHOC, number=f"临-{n + 1}",
                          lead_units=[world.unit("旗公安局")],
                          responsible_units=[world.unit("旗财政局"), world.unit("旗人民法院")], due_date=days(n - 5))
                  for n in range(size)], by=world.user("office"), assign_on=timezone.localdate())
    client = world.client("office")
    with django_assert_max_num_queries(15):  # 14, and one for the reader's next steps (tasks/next_step.py)
        response = client.get(LEDGER)
    assert len(rows(response)) == min(size, 50)


def test_the_report_missing_count_matches_the_flagged_rows(world):
    import datetime

    from django.utils import timezone

    make_task(world, "长期事项", due_in=None, assigned_on=timezone.localdate() - datetime.timedelta(days=200))
    make_task(world, "限期事项", due_in=10)
    response = world.client("office").get(LEDGER)
    html = response.content.decode()
    assert response.context["counts"]["missing_report"] == 1
    assert len(rows(world.client("office").get(LEDGER, {"missing": "true"}))) == 1
    assert 'data-light="missing_report"' in html


def test_every_count_on_the_ledger_lists_exactly_that_many_rows(world):
    """Each light's count and the 缺报 count, for the office and a liaison, unfiltered and within a light: following
    the count's link lists that many items (the counts come from two grouped counts in one statement)."""
    import datetime

    long_ago = timezone.localdate() - datetime.timedelta(days=200)
    make_task(world, "长期事项（缺报）", due_in=None, assigned_on=long_ago)
    make_task(world, "长期事项（财政局缺报）", lead="旗财政局", responsible=["旗公安局"], due_in=None,
              assigned_on=long_ago)
    make_task(world, "长期事项（本期新交办）", due_in=None)
    make_task(world, "逾期事项", due_in=-3)
    make_task(world, "临期事项", lead="旗财政局", due_in=3)
    make_task(world, "正常事项", due_in=40)
    for username in ("office", "gaj", "czj"):
        client = world.client(username)
        page = client.get(LEDGER)
        counts = page.context["counts"]
        assert counts["total"] == len(rows(page)) > 0
        assert counts["missing_report"] == len(rows(client.get(LEDGER, {"missing": "true"})))
        assert counts["missing_report"] >= 1
        for light in ("overdue", "due_soon", "on_track", "no_deadline"):
            assert light_count(page, light) == len(rows(client.get(LEDGER, {"light": light}))), (username, light)
            within = client.get(LEDGER, {"light": light, "missing": "true"})
            assert within.context["page"].count == len(rows(within)), (username, light)
