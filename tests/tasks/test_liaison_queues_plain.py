"""A liaison's lists read with plain statements (tasks.queues.liaison_queues, QueueItem) and printed in Python
(tasks.task_table.task_table_html): the same items, flags and order as the rules applied to the ORM's Task
rows, and the same markup as tasks/_task_rows.html. On SQLite (dates as text, booleans as 0/1) and PostgreSQL."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tasks import deadlines, light_state, report_state, services
from tasks.models import OPEN_STATUSES, ClosureRequest, Decision, ProgressReport, Status, TaskUnit
from tasks.queues import LIST_LIMIT, PERIODIC_KINDS, QueueItem, liaison_queues
from tasks.task_table import task_table_html
from tests.tasks.builders import days, make_task


def reference_queues(user, today):
    """The five lists as the rules give them over Task instances read through the ORM (the former reading)."""
    cutoff = report_state.missing_cutoff(today)
    current = {cycle: deadlines.period_containing(today, cycle).key for cycle in deadlines.CYCLES}
    rows = []
    for assignment in TaskUnit.objects.filter(unit_id=user.unit_id, task__status__in=OPEN_STATUSES).select_related(
            "task"):
        task = assignment.task
        reported = ProgressReport.objects.filter(unit_id=user.unit_id, task=task,
                                                 period_key=current.get(task.cycle)).exists()
        returned = ClosureRequest.objects.filter(unit_id=user.unit_id, task=task, decision=Decision.REJECTED).exists()
        owes = task.deadline_kind in PERIODIC_KINDS and (
            (assignment.unreported_period_end is not None and assignment.unreported_period_end < cutoff)
            or (task.cycle in current and not reported))
        rows.append({
            "pk": task.pk, "light": task.light_today(today), "due_date": task.due_date, "sort_key": task.sort_key,
            "missing_report": task.unreported_period_end is not None and task.unreported_period_end < cutoff,
            "to_sign": assignment.signed_at is None,
            "to_report": task.status != Status.CLOSURE_REQUESTED and owes,
            "returned": task.status == Status.IN_PROGRESS and returned,
        })
    rows.sort(key=lambda r: (light_state.LIGHT_ORDER[r["light"]], r["due_date"] is None, r["due_date"] or today,
                             r["sort_key"], r["pk"]))
    tests = {"to_sign": lambda r: r["to_sign"], "to_report": lambda r: r["to_report"],
             "due_soon": lambda r: r["light"] == deadlines.DUE_SOON,
             "overdue": lambda r: r["light"] == deadlines.OVERDUE, "returned": lambda r: r["returned"]}
    return {name: [(r["pk"], r["light"], r["missing_report"]) for r in rows if test(r)]
            for name, test in tests.items()}


def as_compared(queues):
    return {name: [(item.pk, item.light, item.missing_report) for item in queue["rows"]]
            for name, queue in queues.items()}


def a_unit_with_every_kind_of_item(world):
    gaj, office = world.user("gaj"), world.user("office")
    make_task(world, "待签收 <b>&\"事项\"</b>", due_in=40, number="3")
    for n, due_in in enumerate((3, -2, 10, 0, -30)):
        task = make_task(world, f"有期限{n}", due_in=due_in, number=f"1-{n}")
        services.sign(task=task, by=gaj)
    long_term = make_task(world, "长期事项", due_in=None, assigned_on=days(-200))
    services.sign(task=long_term, by=gaj)
    reported = make_task(world, "本期已报送", due_in=None, assigned_on=days(-5))
    services.report_progress(task=reported, by=gaj, text="已开展",
                             period_key=deadlines.period_containing(days(0), "quarterly").key)
    returned = make_task(world, "被退回事项", due_in=30, deadline_text="2026年底前")
    services.request_closure(task=returned, by=gaj, summary="已完成")
    services.send_back(task=returned, by=office, reason="材料不全")
    requested = make_task(world, "申请办结中", due_in=-1)
    services.request_closure(task=requested, by=gaj, summary="已完成")
    make_task(world, "别人的事项", lead="旗财政局", due_in=-5)
    make_task(world, "协办事项", lead="旗财政局", responsible=["旗公安局"], due_in=5)
    make_task(world, "草稿", assign=False)


def test_the_lists_hold_what_the_rules_give_over_the_orms_rows(world, django_assert_max_num_queries):
    a_unit_with_every_kind_of_item(world)
    gaj, today = world.user("gaj"), timezone.localdate()
    with django_assert_max_num_queries(3):
        queues = liaison_queues(gaj, today)
    assert as_compared(queues) == reference_queues(gaj, today)
    assert all(queues[name]["count"] for name in queues)  # every list has something to compare
    for later in (5, 40, 400):  # other days: other lights and periods
        day = today + datetime.timedelta(days=later)
        assert as_compared(liaison_queues(gaj, day)) == reference_queues(gaj, day)


def test_the_items_carry_the_values_a_task_would(world):
    a_unit_with_every_kind_of_item(world)
    from tasks.models import Task

    queues = liaison_queues(world.user("gaj"), timezone.localdate())
    items = {item.pk: item for queue in queues.values() for item in queue["rows"]}
    for pk, item in items.items():
        task = Task.objects.get(pk=pk)
        assert isinstance(item, QueueItem)
        assert (item.number, item.title, item.status, item.due_date, item.deadline_display,
                item.get_status_display()) == (task.number, task.title, task.status, task.due_date,
                                               task.deadline_display, task.get_status_display())
        assert item.due_date is None or type(item.due_date) is datetime.date


def test_the_tables_are_the_includes_markup(world):
    a_unit_with_every_kind_of_item(world)
    queues = liaison_queues(world.user("gaj"), timezone.localdate())
    for queue in queues.values():
        assert task_table_html(queue["rows"]) == render_to_string("tasks/_task_rows.html", {"rows": queue["rows"]})
    assert task_table_html([]) == render_to_string("tasks/_task_rows.html", {"rows": []})
    html = world.client("gaj").get(reverse("home")).content.decode()
    assert "待签收 &lt;b&gt;&amp;&quot;事项&quot;&lt;/b&gt;" in html and "2026年底前" in html


def test_the_office_and_leader_homes_print_the_overdue_list_as_the_include(world):
    from tasks.queues import office_queues

    for n in range(3):
        make_task(world, f"逾期{n}", due_in=-1 - n)
    queues = office_queues(world.user("office"), timezone.localdate())
    assert len(queues["overdue"]) == 3
    table = task_table_html(queues["overdue"])
    assert table == render_to_string("tasks/_task_rows.html", {"rows": queues["overdue"]})
    for username in ("office", "leader"):
        assert table in world.client(username).get(reverse("home")).content.decode()


def test_a_long_list_stops_at_the_limit_in_the_rules_order(world):
    gaj = world.user("gaj")
    for n in range(LIST_LIMIT + 3):
        make_task(world, f"待签收{n}", due_in=n % 7 - 3, number=str(n))
    queues = liaison_queues(gaj, timezone.localdate())
    assert queues["to_sign"]["count"] == LIST_LIMIT + 3 and len(queues["to_sign"]["rows"]) == LIST_LIMIT
    assert as_compared(queues)["to_sign"] == reference_queues(gaj, timezone.localdate())["to_sign"][:LIST_LIMIT]


def test_a_changed_warning_window_reaches_the_lists(world, settings):
    make_task(world, "十日内完成", due_in=10)
    gaj, today = world.user("gaj"), timezone.localdate()
    settings.DUE_SOON_DAYS = 9
    assert liaison_queues(gaj, today)["due_soon"]["count"] == 0
    settings.DUE_SOON_DAYS = 10
    assert liaison_queues(gaj, today)["due_soon"]["count"] == 1
