"""The dashboard's statements, compiled once for a year and a day (fuyuan.lib.sql), give the figures the ORM gives:
for each year, day and way of reading the lights, whatever was compiled before, and after the data changes."""

import dataclasses
import datetime
import functools

import pytest
from django.utils import timezone

from cases.demo import load_cases
from fuyuan import dashboard
from fuyuan.lib import sql
from indicators import measures, selectors
from meetings import compliance
from meetings.demo import load_meetings
from suggestions.demo import load_suggestions
from tasks import services
from tasks.demo import load_tasks
from tasks.task_table import task_table_html
from tests.tasks.builders import make_task

TODAY = timezone.localdate()


def orm_only(monkeypatch):
    """Every compiled statement replaced by the ORM's own evaluation of the same queryset."""

    def rows(_key, build):
        return [tuple(row) for row in build()]

    def objects(_key, _model, build):
        return list(build())

    def counts(_key, build):
        queryset, aggregates = build()
        return queryset.aggregate(**aggregates)

    def counts_together(_key, builds):
        return [counts(_key, build) for build in builds]

    for module in (dashboard, selectors, compliance):
        for name, fake in (("compiled_rows", rows), ("compiled_objects", objects), ("compiled_counts", counts),
                           ("compiled_counts_together", counts_together)):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, fake)
    # The lists: Task objects as the ORM makes them (only() and annotations), not rebuilt from rows.
    monkeypatch.setattr(dashboard, "shared_key", lambda *args: None)


def comparable(figures):
    """The figures with the two lists' Task objects as the values the page prints of them."""
    def task(t):
        return (t.pk, t.number, t.title, t.deadline_display, t.status, t.get_status_display(), t.due_date, t.light,
                t.light_order, t.missing_report)

    return {**figures, "overdue": [task(t) for t in figures["overdue"]],
            "due_soon": [task(t) for t in figures["due_soon"]],
            "cadence": [dataclasses.astuple(row) for row in figures["cadence"]]}


@pytest.fixture
def demo(world):
    """The demo (items, reports, reminders, suggestions, meetings, cases, indicators) and a few awkward items."""
    today = timezone.localdate()
    load_tasks(world.units, world.accounts, today)
    load_meetings(world.units, world.accounts, today)
    load_suggestions(world.units, world.accounts, today)
    load_cases(world.units, world.accounts, today)
    make_task(world, "逾期 <b>&\"%s", due_in=-2, number="X-1")
    make_task(world, "长期·缺报", due_in=None, assigned_on=TODAY - datetime.timedelta(days=200))
    cancelled = make_task(world, "已撤销", due_in=1)
    services.cancel(task=cancelled, by=world.user("office"), reason="重复")
    return world


def ways():
    """(year, day, lights) as the page and other callers ask: today's stored lights, the rule computed on every
    row, another year, another day."""
    return [(TODAY.year, TODAY, "current"), (TODAY.year, TODAY, False), (TODAY.year - 1, TODAY, "current"),
            (TODAY.year, TODAY - datetime.timedelta(days=5), False)]


def test_the_compiled_figures_are_the_orms(demo, monkeypatch):
    """One test (the demo takes seconds to load): the page's figures for both roles in every way, the two lists as
    Task objects, and the indicators of a liaison (their own filter) after the office's were compiled."""
    users = [demo.user("office"), demo.user("leader")]
    sql.forget_compiled()
    compiled = []
    for _round in range(2):  # compiled, then run again with every other key's statements in the cache
        compiled.append([comparable(dashboard.figures(user, year, day, lights))
                         for user in users for year, day, lights in ways()])
    assert compiled[0] == compiled[1]
    assert compiled[0][0]["counts"]["total"] > 20 and compiled[0][0]["overdue"] and compiled[0][0]["units"]
    assert compiled[0][0]["indicators_off_target"] and compiled[0][0]["suggestions"]["issued"]
    assert any(row[3] for row in compiled[0][0]["cadence"])  # meetings held

    lights = dashboard.stored_lights(TODAY)
    tasks = functools.partial(dashboard.year_tasks, users[0], TODAY.year, TODAY, lights)
    made = dashboard.overdue_and_due_soon(tasks, dashboard.shared_key(users[0], TODAY.year, TODAY, lights))
    assert all(made) and [task_table_html(lists) for lists in made] == [
        task_table_html(lists) for lists in dashboard.overdue_and_due_soon(tasks())]

    indicators = [selectors.current(user, TODAY) for user in (users[0], demo.user("gaj"), None)]
    assert indicators[0] != indicators[1]  # the liaison counts its unit's cases only

    orm_only(monkeypatch)
    assert [comparable(dashboard.figures(user, year, day, lights))
            for user in users for year, day, lights in ways()] == compiled[0]
    monkeypatch.setattr(measures, "sees_every_row", lambda rows, user: False)
    assert [selectors.current(user, TODAY) for user in (users[0], demo.user("gaj"), None)] == indicators


def test_figures_follow_the_data_not_the_statement_compiled_before(world):
    office = world.user("office")
    make_task(world, "逾期", due_in=-3)
    before = dashboard.figures(office, TODAY.year, TODAY, "current")
    task = make_task(world, "新逾期", due_in=-400, number="0-0")  # the earliest deadline: first in the list
    after = dashboard.figures(office, TODAY.year, TODAY, "current")
    assert after["counts"]["overdue"] == before["counts"]["overdue"] + 1 == 2
    assert after["overdue"][0].pk == task.pk
    assert {row["unit__name"]: row["lead_overdue"] for row in after["units"]}["旗公安局"] == 2


def test_only_those_who_see_every_item_share_statements(world):
    assert dashboard.shared_key(world.user("leader"), 2026, TODAY, "current") == (2026, TODAY, "current")
    assert dashboard.shared_key(world.user("office"), 2026, TODAY, False) == (2026, TODAY, False)
    assert dashboard.shared_key(world.user("gaj"), 2026, TODAY, "current") is None
    # lights=True asks whether the stored lights are current while the statement is built: never kept.
    assert dashboard.shared_key(world.user("leader"), 2026, TODAY, True) is None


def test_figures_for_a_user_with_a_scope_of_their_own_go_through_the_orm(world):
    make_task(world, "公安局牵头", due_in=-3)
    make_task(world, "财政局牵头", lead="旗财政局", due_in=-3)
    figures = dashboard.figures(world.user("gaj"), TODAY.year, TODAY, "current")
    assert [t.title for t in figures["overdue"]] == ["公安局牵头"] and figures["counts"]["total"] == 1
