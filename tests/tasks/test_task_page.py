"""The task page: each party acts on it through its forms, and sees the result on the page and its timeline."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks.models import EventKind, Status, Task
from tests.tasks.builders import days, make_task


def page(client, task):
    return client.get(reverse("tasks:detail", args=[task.pk])).content.decode()


def post(client, name, task, data=None, **kwargs):
    return client.post(reverse(name, args=[task.pk]), data or {}, follow=True, **kwargs)


def status(task):
    return Task.objects.get(pk=task.pk).status


@pytest.fixture
def task(world):
    return make_task(world, "建立行政机关负责人出庭应诉通报制度", responsible=["旗财政局"], due_in=20, assign=False)


def test_assign_sign_report_close_through_the_pages(world, task):
    office, gaj, czj = world.client("office"), world.client("gaj"), world.client("czj")
    assert 'data-testid="assign"' in page(office, task)
    post(office, "tasks:assign", task)
    assert status(task) == Status.ASSIGNED

    assert 'data-testid="sign"' in page(gaj, task)
    post(gaj, "tasks:sign", task)
    assert status(task) == Status.IN_PROGRESS
    assert 'data-testid="sign"' not in page(gaj, task)

    upload = SimpleUploadedFile("出庭统计.pdf", b"%PDF-1.4\n" + "三起案件均由负责人出庭".encode())
    post(czj, "tasks:report", task, {"text": "财政局已配合统计", "attachments": upload})
    html = page(office, task)
    assert "财政局已配合统计" in html
    report = Task.objects.get(pk=task.pk).reports.get()
    download = office.get(reverse("tasks:attachment", args=[task.pk, report.attachments.get().pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n" + "三起案件均由负责人出庭".encode()

    assert 'data-testid="closure-form"' not in page(czj, task)  # only the lead unit asks for closure
    post(gaj, "tasks:request_closure", task, {"summary": "制度已印发"})
    assert status(task) == Status.CLOSURE_REQUESTED
    assert 'class="card mb-3 border-danger"' in page(office, task)  # the office's panel: close or send back
    post(office, "tasks:close", task, {"note": "材料齐全"})
    assert status(task) == Status.CLOSED
    html = page(office, task)
    assert 'data-light="closed_on_time"' in html
    assert 'class="card mb-3 border-danger"' not in html  # closed: no empty panel of office actions


def test_send_back_needs_a_reason_and_the_liaison_sees_it(world, task):
    office, gaj = world.client("office"), world.client("gaj")
    post(office, "tasks:assign", task)
    post(gaj, "tasks:request_closure", task, {"summary": "已完成"})

    response = post(office, "tasks:send_back", task, {"reason": ""})
    assert status(task) == Status.CLOSURE_REQUESTED
    assert response.status_code == 200

    post(office, "tasks:send_back", task, {"reason": "缺少印发文件"})
    assert status(task) == Status.IN_PROGRESS
    assert "缺少印发文件" in page(gaj, task)
    home = gaj.get(reverse("home")).content.decode()
    assert re.search(r'data-testid="queue-returned-count">1<', home)

    post(gaj, "tasks:request_closure", task, {"summary": "已补充印发文件"})
    assert status(task) == Status.CLOSURE_REQUESTED
    kinds = list(Task.objects.get(pk=task.pk).events.values_list("kind", flat=True))
    assert kinds.count(EventKind.CLOSURE_REQUESTED) == 2 and EventKind.RETURNED in kinds


def test_a_refused_action_shows_why_and_changes_nothing(world, task):
    office = world.client("office")
    post(office, "tasks:assign", task)
    response = post(office, "tasks:assign", task)
    assert 'class="alert alert-danger' in response.content.decode()
    assert Task.objects.get(pk=task.pk).events.filter(kind=EventKind.ASSIGNED).count() == 1


def test_extension_approval_moves_the_deadline_and_keeps_the_old_one(world, task):
    office, gaj = world.client("office"), world.client("gaj")
    post(office, "tasks:assign", task)
    old = Task.objects.get(pk=task.pk).due_date
    post(gaj, "tasks:request_extension", task, {"new_due_date": days(60).isoformat(), "reason": "需协调多部门"})
    extension = Task.objects.get(pk=task.pk).extensions.get()
    assert 'data-testid="pending-extension"' in page(office, task)
    office.post(reverse("tasks:decide_extension", args=[task.pk, extension.pk]), {"decision": "approve", "note": ""})
    refreshed = Task.objects.get(pk=task.pk)
    assert refreshed.due_date == days(60)
    extension.refresh_from_db()
    assert extension.old_due_date == old
    html = page(office, task)
    assert f"{old.year}年{old.month}月{old.day}日" in html  # the old deadline stays in the history


def test_htmx_action_answers_with_the_updated_task(world, task):
    office = world.client("office")
    response = office.post(reverse("tasks:assign", args=[task.pk]), follow=True, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="task-main"' in html and 'id="messages"' in html
    assert status(task) == Status.ASSIGNED


def test_reminder_from_the_task_page_reaches_the_liaison(world, task):
    office, gaj = world.client("office"), world.client("gaj")
    post(office, "tasks:assign", task)
    post(office, "tasks:remind", task, {"message": "请尽快签收", "units": [world.unit("旗公安局").pk]})
    home = gaj.get(reverse("home")).content.decode()
    assert re.search(r'data-testid="unread-count">\d+<', home)
    notes = gaj.get(reverse("tasks:notifications")).content.decode()
    assert "请尽快签收" in notes
    assert Task.objects.get(pk=task.pk).reminders.get().unit == world.unit("旗公安局")


@pytest.mark.parametrize("responsible", [1, 6])
def test_the_task_page_query_count_does_not_grow_with_its_units(world, responsible, django_assert_max_num_queries):
    """A long-term item's units each owe reports: their missing periods come from one query, not one per unit.

    13 queries at both sizes (pinned at 21 until the item's row said it has no targets, sub-items or files);
    before that, one more per unit, and the pending requests and the reminder's units twice.
    """
    from fuyuan.units.models import MemberUnit

    names = [unit.name for unit in MemberUnit.objects.exclude(name="旗公安局").order_by("pk")[:responsible]]
    task = make_task(world, "长期坚持事项", responsible=names, due_in=None,
                     assigned_on=days(-400))
    client = world.client("office")
    with django_assert_max_num_queries(13):
        html = page(client, task)
    assert html.count('data-testid="task-units"') == 1
    assert len(re.findall(r'<span class="badge text-bg-danger me-1">', html)) >= responsible + 1
