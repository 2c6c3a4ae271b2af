"""The stored 缺报 state (report_state) always equals what the reports say, after every service that changes it."""

import datetime

import pytest

from tasks import report_state, services
from tasks.models import ProgressReport, Task, TaskUnit
from tasks.selectors import ledger_tasks, missing_periods, task_for_page
from tests.tasks.factories import long_term_task, make_task

D = datetime.date
DATES = [D(2024, 4, 10), D(2024, 4, 11), D(2024, 7, 11), D(2024, 10, 11), D(2025, 1, 11), D(2025, 6, 1)]


@pytest.fixture(autouse=True)
def grace(settings):
    settings.REPORT_GRACE_DAYS = 10


def assert_agrees(world, task):
    """Stored = recomputed from the reports; the ledger's flag = some unit has missing periods, on every date."""
    task = Task.objects.get(pk=task.pk)
    ends, task_end = report_state.computed_state(task)
    stored = dict(TaskUnit.objects.filter(task=task).values_list("pk", "unreported_period_end"))
    assert stored == ends
    assert task.unreported_period_end == task_end
    latest = ProgressReport.objects.filter(task=task).order_by("-submitted_at", "-pk").first()
    assert task.latest_report_id == (latest.pk if latest else None)
    office = world.user("office")
    for today in DATES:
        per_unit = {a.unit_id: missing_periods(task, a.unit, today) for a in task.assignments.select_related("unit")}
        row = ledger_tasks(office, today).get(pk=task.pk)
        flagged = row.missing_report
        assert flagged == (task.is_open and any(per_unit.values())), today
        page = task_for_page(office, task.pk, today)  # the item's page computes the same for its one row
        assert (page.missing_report, page.light, page.light_order) == (flagged, row.light, row.light_order), today
        units_flagged = set(TaskUnit.objects.filter(task=task).filter(report_state.unit_missing_q(today))
                            .values_list("unit_id", flat=True))
        assert units_flagged == ({unit for unit, periods in per_unit.items() if periods} if task.is_open else set())


def report(world, task, username, key, today):
    services.report_progress(task=task, by=world.user(username), text="进展", period_key=key, today=today)


def test_state_agrees_after_every_service(world):
    draft = make_task(world, "草稿", deadline_kind="long_term", cycle="quarterly", assign=False)
    assert_agrees(world, draft)
    services.assign(task=draft, by=world.user("office"), today=D(2024, 2, 1))
    assert_agrees(world, draft)
    services.sign(task=draft, by=world.user("gaj"))
    assert_agrees(world, draft)
    # Out of order, a period twice, and a period of the current quarter.
    for username, key, today in [("gaj", "2024-Q2", D(2024, 7, 2)), ("czj", "2024-Q1", D(2024, 4, 2)),
                                 ("gaj", "2024-Q1", D(2024, 7, 5)), ("gaj", "2024-Q1", D(2024, 7, 6)),
                                 ("czj", "2024-Q3", D(2024, 8, 1))]:
        report(world, draft, username, key, today)
        assert_agrees(world, draft)
    services.request_closure(task=draft, by=world.user("gaj"), summary="已完成", today=D(2024, 12, 1))
    assert_agrees(world, draft)
    services.send_back(task=draft, by=world.user("office"), reason="材料不全")
    assert_agrees(world, draft)
    services.request_closure(task=draft, by=world.user("gaj"), summary="已补充", today=D(2024, 12, 5))
    services.close(task=draft, by=world.user("office"), today=D(2024, 12, 6))
    assert_agrees(world, draft)


@pytest.mark.parametrize("cycle", ["monthly", "quarterly", "half_yearly", "yearly"])
def test_state_agrees_for_every_cycle(world, cycle):
    task = long_term_task(world, cycle=cycle, assigned_on=D(2023, 11, 20))
    assert_agrees(world, task)
    report(world, task, "gaj", report_keys(task)[0], D(2024, 1, 5))
    assert_agrees(world, task)
    services.cancel(task=task, by=world.user("office"), reason="任务调整")
    assert_agrees(world, task)


def report_keys(task):
    from tasks.selectors import report_period_choices

    return [p.key for p in report_period_choices(task, D(2024, 1, 5))][::-1]


def test_date_items_owe_no_reports(world):
    task = make_task(world, "限期事项")
    report(world, task, "gaj", "", D(2024, 5, 1))
    assert_agrees(world, task)
    assert Task.objects.get(pk=task.pk).unreported_period_end is None


def test_refresh_all_restores_what_the_services_keep(world):
    task = long_term_task(world, assigned_on=D(2024, 1, 10))
    report(world, task, "gaj", "2024-Q1", D(2024, 4, 2))
    kept = (Task.objects.get(pk=task.pk).unreported_period_end,
            sorted(TaskUnit.objects.filter(task=task).values_list("pk", "unreported_period_end")))
    Task.objects.update(unreported_period_end=None, latest_report=None)
    TaskUnit.objects.update(unreported_period_end=None)
    report_state.refresh_all()
    assert (Task.objects.get(pk=task.pk).unreported_period_end,
            sorted(TaskUnit.objects.filter(task=task).values_list("pk", "unreported_period_end"))) == kept
    assert_agrees(world, task)


def test_state_agrees_after_the_office_edits_units_and_deadline(world):
    """An edit changes who owes reports (a unit added owes from the item's assignment, a unit removed no longer
    counts) or whether any are owed (a date deadline): the stored state follows, without waiting for a report."""
    from tasks import editing

    task = long_term_task(world, assigned_on=D(2024, 1, 10), responsible=["旗财政局", "旗司法局"])
    report(world, task, "gaj", "2024-Q1", D(2024, 4, 2))
    report(world, task, "czj", "2024-Q1", D(2024, 4, 2))

    def edit(responsible, **changes):
        editing.edit_task(task=Task.objects.get(pk=task.pk), by=world.user("office"), title=task.title,
                          category=None, lead_units=[world.unit("旗公安局")],
                          responsible_units=[world.unit(name) for name in responsible], **changes)

    edit(["旗财政局", "旗人民法院"], removal_reason="职责调整")  # 司法局 (owing 2024-Q1) off, 法院 on
    assert_agrees(world, task)
    report(world, task, "gaj", "2024-Q2", D(2024, 7, 2))  # a report by another unit leaves 法院's state right
    assert_agrees(world, task)
    edit(["旗财政局", "旗人民法院"], due_date=D(2025, 6, 30), deadline_reason="改为限期办结")
    assert_agrees(world, task)
    assert Task.objects.get(pk=task.pk).unreported_period_end is None


def test_a_report_updates_only_its_unit_and_the_item_earliest_end(world):
    """A report moves its unit's end only when it is for the unit's oldest unreported period, and the item's end
    only when that unit held it; the result is what refresh() computes from all the reports."""
    task = long_term_task(world, assigned_on=D(2024, 1, 10), responsible=["旗财政局", "旗人民法院"])
    steps = [("czj", "2024-Q2", D(2024, 7, 2)),   # not czj's oldest owed period: nothing moves
             ("czj", "2024-Q1", D(2024, 7, 3)),   # czj's oldest: czj's end jumps past Q2; the item's stays (gaj, court)
             ("gaj", "2024-Q1", D(2024, 7, 4)),   # gaj's moves; the item's stays (court still owes Q1)
             ("court", "2024-Q1", D(2024, 7, 5)),   # the item's moves to the earliest of the others' (gaj's Q2)
             ("court", "2024-Q1", D(2024, 7, 6))]   # a period reported again: nothing moves
    for username, key, today in steps:
        report(world, task, username, key, today)
        assert_agrees(world, task)
    assert Task.objects.get(pk=task.pk).unreported_period_end == D(2024, 6, 30)


def test_a_report_on_an_item_whose_stored_state_is_wrong_recomputes_it_whole(world):
    """The units' stored ends are trusted; one that cannot be right (lost, or an owed item's end later than a
    unit's) is recomputed from all the reports, as before."""
    task = long_term_task(world, assigned_on=D(2024, 1, 10), responsible=["旗财政局"])
    TaskUnit.objects.filter(task=task).update(unreported_period_end=None)
    report(world, task, "czj", "2024-Q1", D(2024, 4, 2))
    assert_agrees(world, task)
    Task.objects.filter(pk=task.pk).update(unreported_period_end=D(2025, 12, 31))
    report(world, task, "gaj", "2024-Q2", D(2024, 7, 2))
    assert_agrees(world, task)
    dated = make_task(world, "限期事项")
    TaskUnit.objects.filter(task=dated).update(unreported_period_end=D(2024, 3, 31))
    report(world, dated, "gaj", "", D(2024, 5, 1))
    assert_agrees(world, dated)
