"""A liaison of an unrelated unit can neither see nor touch another unit's item, by any URL or form."""

import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tasks import services
from tasks.models import Task
from tests.tasks.builders import days, make_task


@pytest.fixture
def foreign(world):
    """An item of 公安局 (lead) and 法院 (responsible), with a report, an attachment and a pending extension."""
    task = make_task(world, "公安局的事项", responsible=["旗人民法院"])
    report = services.report_progress(task=task, by=world.user("gaj"), text="已部署",
                                      attachments=[ContentFile(b"%PDF-1.4 secret", name="进展.pdf")])
    extension = services.request_extension(task=task, by=world.user("gaj"), new_due_date=days(90), reason="需要")
    return task, report, extension


def snapshot(task):
    task = Task.objects.get(pk=task.pk)
    return (task.status, task.due_date, task.events.count(), task.reports.count(), task.reminders.count(),
            task.assignments.filter(signed_at__isnull=False).count())


def test_every_url_and_form_is_refused_to_another_units_liaison(world, foreign):
    task, report, extension = foreign
    client = world.client("czj")  # 财政局: not on this item
    before = snapshot(task)
    pk = task.pk
    gets = [reverse("tasks:detail", args=[pk]), reverse("tasks:attachment", args=[pk, report.attachments.get().pk])]
    posts = {
        "tasks:sign": {}, "tasks:report": {"text": "伪造进展"},
        "tasks:request_extension": {"new_due_date": days(200).isoformat(), "reason": "x"},
        "tasks:request_closure": {"summary": "伪造办结"},
        "tasks:assign": {}, "tasks:close": {"note": ""}, "tasks:send_back": {"reason": "x"},
        "tasks:cancel": {"reason": "x"}, "tasks:remind": {"message": "x"},
    }
    for url in gets:
        assert client.get(url).status_code == 404, url
    for name, data in posts.items():
        response = client.post(reverse(name, args=[pk]), data)
        assert response.status_code in (403, 404), name
    decide = reverse("tasks:decide_extension", args=[pk, extension.pk])
    assert client.post(decide, {"decision": "approve", "note": ""}).status_code == 403
    bulk = client.post(reverse("tasks:bulk_remind"), {"tasks": [pk], "message": "x"})
    assert bulk.status_code == 403
    assert snapshot(task) == before


def test_the_item_is_absent_from_the_other_units_ledger_and_export(world, foreign):
    task, _report, _extension = foreign
    client = world.client("czj")
    assert task.title not in client.get(reverse("tasks:ledger")).content.decode()
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("tasks:export")).content))
    cells = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert task.title not in cells


def test_the_responsible_units_issuer_sees_it_but_cannot_ask_for_closure(world, foreign):
    task, _report, _extension = foreign
    client = world.client("court")  # 法院 is responsible, not lead
    before = snapshot(task)
    assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == 200
    response = client.post(reverse("tasks:request_closure", args=[task.pk]), {"summary": "我方已完成"}, follow=True)
    assert snapshot(task) == before
    assert Task.objects.get(pk=task.pk).closures.count() == 0
    assert response.status_code == 200


def test_leaders_read_but_do_not_change(world, foreign):
    task, _report, extension = foreign
    client = world.client("leader")
    before = snapshot(task)
    assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == 200
    for name in ("tasks:close", "tasks:cancel", "tasks:remind", "tasks:sign", "tasks:report"):
        assert client.post(reverse(name, args=[task.pk]), {"reason": "x", "message": "x", "text": "x"}
                           ).status_code == 403, name
    assert snapshot(task) == before
