"""The office edits an item after creation or import: each change audited and in the timeline, a deadline change
with its reason (not an extension), added units notified, removed units keeping their history."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tasks import editing, services
from tasks.models import EventKind, Notification, RemovedAssignment, TaskEvent, TaskUnit

from .factories import make_task


def _edit(world, task, **changes):
    units = {a.role: [] for a in task.assignments.all()}
    for a in task.assignments.select_related("unit"):
        units[a.role].append(a.unit)
    data = {"title": task.title, "category": task.category, "lead_units": units.get("lead", []),
            "responsible_units": units.get("responsible", []), "due_date": task.due_date}
    data.update(changes)
    return editing.edit_task(task=task, by=world.user("office"), **data)


def test_the_office_edits_title_units_and_deadline_through_the_page(world):
    task = make_task(world, responsible=("旗财政局",))
    services.report_progress(task=task, by=world.user("czj"), text="财政局已配合")
    client = world.client("office")
    assert client.get(reverse("tasks:edit", args=[task.pk])).status_code == 200
    audit_before = LogEntry.objects.count()
    new_due = task.due_date + datetime.timedelta(days=30)
    response = client.post(reverse("tasks:edit", args=[task.pk]), {
        "title": "改后的事项名称", "lead_units": [world.unit("旗公安局").pk],
        "responsible_units": [world.unit("旗人民法院").pk], "due_date": new_due.isoformat(),
        "deadline_reason": "联席会议决定统一调整", "removal_reason": "职责调整"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == "改后的事项名称" and task.due_date == new_due
    kinds = list(TaskEvent.objects.filter(task=task).values_list("kind", flat=True))
    assert {EventKind.EDITED, EventKind.DEADLINE_CHANGED, EventKind.UNIT_ADDED, EventKind.UNIT_REMOVED} <= set(kinds)
    assert EventKind.EXTENSION_APPROVED not in kinds  # the office's change is not an extension
    assert LogEntry.objects.count() >= audit_before + 4
    # 法院 is told; 财政局 is off the item but its report and part stay visible.
    assert Notification.objects.filter(user=world.user("court"), text__contains="改后的事项名称").exists()
    assert not TaskUnit.objects.filter(task=task, unit=world.unit("旗财政局")).exists()
    removed = RemovedAssignment.objects.get(task=task)
    assert removed.unit == world.unit("旗财政局") and removed.reason == "职责调整"
    html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "财政局已配合" in html and 'data-testid="removed-unit"' in html
    assert "联席会议决定统一调整" in html


def test_a_deadline_change_needs_a_reason_and_the_form_keeps_what_was_typed(world):
    task = make_task(world)
    client = world.client("office")
    response = client.post(reverse("tasks:edit", args=[task.pk]), {
        "title": "新的名称", "lead_units": [world.unit("旗公安局").pk], "due_date": "2030-01-31"})
    html = response.content.decode()
    assert response.status_code == 200 and "请说明调整时限的理由" in html
    assert 'value="新的名称"' in html
    task.refresh_from_db()
    assert task.title != "新的名称" and task.due_date != datetime.date(2030, 1, 31)
    with pytest.raises(services.TransitionRefused):
        _edit(world, task, due_date=datetime.date(2030, 1, 31))


def test_closed_items_and_other_roles_cannot_edit(world):
    task = make_task(world)
    services.cancel(task=task, by=world.user("office"), reason="任务调整")
    with pytest.raises(services.TransitionRefused):
        _edit(world, task, title="不能改")
    live = make_task(world, "另一事项")
    with pytest.raises(services.TransitionRefused):
        editing.edit_task(task=live, by=world.user("leader"), title="x", category=None,
                          lead_units=[world.unit("旗公安局")], responsible_units=[])
    assert world.client("gaj").get(reverse("tasks:edit", args=[live.pk])).status_code == 403


def test_a_long_term_item_can_be_given_a_date_with_a_reason(world):
    task = make_task(world, deadline_kind="long_term", cycle="quarterly")
    changes = _edit(world, task, due_date=datetime.date(2027, 6, 30), deadline_reason="领导小组要求年中完成")
    task.refresh_from_db()
    assert (task.deadline_kind, task.due_date, task.cycle) == ("date", datetime.date(2027, 6, 30), "")
    assert "2027年6月30日" in changes[0] and "领导小组要求年中完成" in changes[0]
