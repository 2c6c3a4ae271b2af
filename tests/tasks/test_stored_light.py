"""The stored light (light_state.py) always shows today's light: after any service, bulk write or passing day.

Stored, the ledger counts and sorts by indexed columns; these tests hold the stored columns equal to
deadlines.light() and to its SQL twin on every row, with or without the daily scan having run.
"""

import collections
import contextlib
import datetime
import re

import pytest
from django.db import connection, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks import deadlines, editing, light_state, services
from tasks.bulk_create import NewTask, create_tasks
from tasks.models import DeadlineKind, LightState, Origin, Status, Task, TaskEvent
from tasks.scanning import scan_deadlines
from tasks.selectors import ledger_tasks, light_count_groups, light_counts_from_groups, light_expression
from tests.tasks.lights import item, ledger_lights, stored

LEDGER = reverse("tasks:ledger")


def the_rule(task, today):
    values = dict(status=task.status, deadline_kind=task.deadline_kind, due_date=task.due_date,
                  closure_submitted_on=task.closure_requested_on, today=today, warn_days=7)
    return deadlines.light(**values), deadlines.light_changes_on(**values)


def assert_lights_right(world, today):
    """Before any catch-up, what the pages read equals the rule; after it, so does every stored column."""
    rows = Task.objects.annotate(sql=light_expression(today, 7), fresh=light_state.fresh_light(today),
                                 fresh_order=light_state.fresh_light_order(today))
    for task in rows:
        light, _changes_on = the_rule(task, today)
        assert (task.sql, task.fresh, task.fresh_order) == (light, light, deadlines.LIGHTS.index(light)), task.title
    assert light_state.current(today)
    expected = collections.Counter()
    for task in Task.objects.all():
        light, changes_on = the_rule(task, today)
        assert (task.stored_light, task.stored_light_order, task.light_changes_on) == \
               (light, deadlines.LIGHTS.index(light), changes_on), task.title
        expected[light] += 1
    tasks = ledger_tasks(world.user("office"), today, catch_up=True)
    counts = light_counts_from_groups(light_count_groups(tasks, today))
    assert {light: counts[light] for light in expected} == dict(expected)


# ---------------------------------------------------------------- any sequence of services and days

OPERATIONS = ["create", "create_draft", "create_long_term", "bulk", "assign", "sign", "request_closure",
              "send_back", "close", "cancel", "extend", "edit_deadline", "wait", "wait"]
steps = st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 30), st.integers(-10, 20)),
                 min_size=1, max_size=14)


class Rollback(Exception):
    pass


def apply(world, clock, operation, pick, offset):
    office, gaj = world.user("office"), world.user("gaj")
    tasks = list(Task.objects.order_by("pk"))
    task = tasks[pick % len(tasks)] if tasks else None
    if operation in ("create", "create_draft"):
        item(world, f"事项{len(tasks)}", due_date=clock.day(offset), assign=operation == "create")
    elif operation == "create_long_term":
        item(world, f"长期{len(tasks)}")
    elif operation == "bulk":
        lead = [world.unit("旗公安局")]
        create_tasks([NewTask(title=f"方案事项{len(tasks)}-{n}", origin=Origin.PLAN, lead_units=lead,
                              due_date=clock.day(offset + n)) for n in range(2)], by=office, assign_on=clock.today)
    elif operation == "wait":
        clock.move(pick % 12)
    elif task is None:
        return
    elif operation == "assign":
        services.assign(task=task, by=office)
    elif operation == "sign":
        services.sign(task=task, by=gaj)
    elif operation == "request_closure":
        services.request_closure(task=task, by=gaj, summary="已完成")
    elif operation == "send_back":
        services.send_back(task=task, by=office, reason="材料不全")
    elif operation == "close":
        services.close(task=task, by=office)
    elif operation == "cancel":
        services.cancel(task=task, by=office, reason="任务调整")
    elif operation == "extend":
        extension = services.request_extension(task=task, by=gaj, new_due_date=(task.due_date or clock.today)
                                               + datetime.timedelta(days=1 + pick % 10), reason="待批复")
        services.decide_extension(extension=extension, by=office, approve=True)
    elif operation == "edit_deadline":
        units = list(task.assignments.select_related("unit"))
        editing.edit_task(task=task, by=office, title=task.title, category=task.category,
                          lead_units=[a.unit for a in units if a.role == "lead"],
                          responsible_units=[a.unit for a in units if a.role == "responsible"],
                          due_date=clock.day(offset), deadline_reason="调整时限")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_the_stored_light_equals_the_rule_after_any_services_and_days(world, clock, steps):
    clock.today = clock.start
    with contextlib.suppress(Rollback), transaction.atomic():
        for operation, pick, offset in steps:
            with contextlib.suppress(services.TransitionRefused):
                apply(world, clock, operation, pick, offset)
            assert_lights_right(world, clock.today)
        raise Rollback  # each example starts from an empty ledger


# ---------------------------------------------------------------- the date alone

def test_the_catch_up_turns_green_to_yellow_to_red_as_the_days_pass(world, clock):
    task = item(world, "十日内完成", due_date=clock.day(10))
    assert stored(task) == (deadlines.ON_TRACK, clock.day(3))
    changed_at, events = task.updated_at, TaskEvent.objects.filter(task=task).count()

    clock.move(3)  # due in 7 days: yellow from today, and nothing has run yet
    assert stored(task) == (deadlines.ON_TRACK, clock.today)
    assert light_state.current(clock.today)
    assert stored(task) == (deadlines.DUE_SOON, clock.day(8))

    clock.move(8)  # the day after the deadline
    light_state.current(clock.today)
    assert stored(task) == (deadlines.OVERDUE, None)
    # No service wrote the item: no timeline line, no "last change".
    task.refresh_from_db()
    assert (task.updated_at, TaskEvent.objects.filter(task=task).count()) == (changed_at, events)


def light_count(response, light):
    return int(re.search(rf'data-light="{light}" data-count="(\d+)"', response.content.decode())[1])


def test_a_missed_daily_scan_still_shows_the_right_lights(world, clock):
    soon = item(world, "两日内完成", due_date=clock.day(2))
    later = item(world, "半月内完成", due_date=clock.day(15))
    far = item(world, "两月内完成", due_date=clock.day(60))
    clock.move(9)  # no scan ran for nine days: every stored light above is out of date
    assert {stored(t)[0] for t in (soon, later, far)} == {deadlines.DUE_SOON, deadlines.ON_TRACK}

    # The leaders' dashboard reads first (no catch-up of its own), then the office opens the ledger.
    dashboard = world.client("leader").get(reverse("dashboard"))
    assert [(light, n) for light, n, _url in dashboard.context["lights"] if n] == [
        (deadlines.OVERDUE, 1), (deadlines.DUE_SOON, 1), (deadlines.ON_TRACK, 1)]
    response = world.client("office").get(LEDGER)
    assert ledger_lights(response) == {soon.pk: deadlines.OVERDUE, later.pk: deadlines.DUE_SOON,
                                       far.pk: deadlines.ON_TRACK}
    assert list(ledger_lights(response)) == [soon.pk, later.pk, far.pk]  # red first
    assert [light_count(response, light) for light in (deadlines.OVERDUE, deadlines.DUE_SOON)] == [1, 1]
    # The ledger brought the rows up to date for the next readers.
    assert stored(soon) == (deadlines.OVERDUE, None)
    assert stored(later) == (deadlines.DUE_SOON, clock.day(7))


def test_the_daily_scan_brings_the_stored_lights_up_to_date(world, clock):
    task = item(world, "五日内完成", due_date=clock.day(5))
    clock.move(6)
    scan_deadlines(clock.today)
    assert stored(task) == (deadlines.OVERDUE, None)
    assert LightState.objects.get().caught_up_on == clock.today


def test_a_liaisons_lists_read_todays_light_without_a_catch_up(world, clock):
    from tasks.queues import liaison_queues

    task = item(world, "十日内完成", due_date=clock.day(10))
    clock.move(11)
    queues = liaison_queues(world.user("gaj"), clock.today)
    assert [t.pk for t in queues["overdue"]["rows"]] == [task.pk]
    assert stored(task)[0] == deadlines.ON_TRACK  # read right, though still stored as of eleven days ago


# ---------------------------------------------------------------- what the stored lights assume

def test_a_changed_warning_window_recomputes_the_stored_lights(world, clock, settings):
    task = item(world, "十日内完成", due_date=clock.day(10))
    settings.DUE_SOON_DAYS = 12
    assert ledger_lights(world.client("office").get(LEDGER)) == {task.pk: deadlines.DUE_SOON}
    assert stored(task) == (deadlines.DUE_SOON, clock.day(11))
    assert LightState.objects.get().warn_days == 12


def test_a_clock_set_back_computes_the_light_instead_of_reading_it(world, clock):
    task = item(world, "五日内完成", due_date=clock.day(5))
    LightState.objects.update(caught_up_on=clock.today)
    clock.move(-10)  # due in 15 days on the reader's clock: green, though stored yellow
    assert not light_state.current(clock.today)
    assert ledger_lights(world.client("office").get(LEDGER)) == {task.pk: deadlines.ON_TRACK}
    assert ledger_tasks(world.user("office"), clock.today).get(pk=task.pk).light == deadlines.ON_TRACK


def test_a_row_inserted_without_its_stored_light_is_computed_by_the_next_reader(world, clock):
    Task.objects.bulk_create([Task(title="直接写入", deadline_kind=DeadlineKind.DATE, due_date=clock.day(-1),
                                   status=Status.ASSIGNED)])
    row = Task.objects.get()
    assert (row.stored_light, row.light_changes_on) == ("", datetime.date(1, 1, 1))
    assert ledger_tasks(world.user("office")).get().light == deadlines.OVERDUE
    assert light_state.current(clock.today)
    assert stored(row) == (deadlines.OVERDUE, None)


def test_another_days_ledger_computes_the_light(world, clock):
    task = item(world, "五日内完成", due_date=clock.day(5))
    assert ledger_tasks(world.user("office"), clock.day(6)).get(pk=task.pk).light == deadlines.OVERDUE
    assert stored(task)[0] == deadlines.DUE_SOON  # another day's read writes nothing


# ---------------------------------------------------------------- the index

@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_the_default_ledger_page_is_read_from_the_index(world, clock):
    from tasks import ledger_paging

    for n in range(30):
        item(world, f"事项{n}", due_date=clock.day(n - 10))
    rows = ledger_tasks(world.user("office"), catch_up=True)
    keys = ledger_paging.ledger_order([])
    page = ledger_paging.order_by(rows, keys).values("pk")[:51]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        # A table of 30 rows would be read whole: make every plan but reading an index in the page's order cost
        # more, so the plan shows whether an index holds that order (with none, a Sort would remain).
        for setting in ("enable_seqscan", "enable_sort", "enable_incremental_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan using task_ledger_order" in plan or "Index Only Scan using task_ledger_order" in plan, plan
    assert "Limit" in plan and "Sort" not in plan, plan
