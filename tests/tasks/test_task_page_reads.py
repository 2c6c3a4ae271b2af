"""The item page's lists, read by plain statements (tasks.task_page), are the rows the ORM queries they replaced
read: the same values (times as aware datetimes on SQLite too), in the same order."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from fuyuan.lib.display import minute
from tasks import services, task_page
from tasks.models import Attachment, ProgressReport, TaskEvent
from tests.tasks.builders import make_task

PDF = b"%PDF-1.4\n" + "材料".encode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item(world, media):
    """An item with reports of two units (one with a short name), files on a report and on a closure request,
    events with and without a unit or an actor, and two reports at the same moment (ordered by id)."""
    task = make_task(world, "页面读取", responsible=["旗财政局"])
    gaj, czj = world.user("gaj"), world.user("czj")
    services.report_progress(task=task, by=gaj, text="第一次 <b>", attachments=[
        ContentFile(PDF, name="一.pdf"), ContentFile(PDF, name="二.pdf")])
    services.report_progress(task=task, by=czj, text="财政局\r\n配合")
    closure = services.request_closure(task=task, by=gaj, summary="已完成",
                                       attachments=[ContentFile(PDF, name="办结.pdf")])
    services.send_back(task=task, by=world.user("office"), reason="材料不全")
    services.report_progress(task=task, by=gaj, text="补充")
    same = timezone.now() - datetime.timedelta(days=1)
    ProgressReport.objects.filter(task=task).update(submitted_at=same)
    TaskEvent.objects.create(task=task, kind="reported", at=same, text="系统记录")  # no unit, no actor
    return task, closure


def test_the_reports_are_the_orm_rows(item):
    task, _closure = item
    expected = [(pk, unit_id, period_key, text, minute(at), short_name or name)
                for pk, unit_id, period_key, text, at, name, short_name in (
                    ProgressReport.objects.filter(task=task).order_by("-submitted_at", "-pk").values_list(
                        "pk", "unit_id", "period_key", "text", "submitted_at", "unit__name", "unit__short_name"))]
    assert [(r.pk, r.unit_id, r.period_key, r.text, r.submitted, r.unit_name)
            for r in task_page.report_rows(task)] == expected
    assert len(expected) == 3


def test_the_timeline_is_the_orm_rows(item):
    task, _closure = item
    expected = [(kind, at, text, short_name or name or "", full_name or username or "")
                for kind, at, text, name, short_name, full_name, username in TaskEvent.objects.filter(task=task)
                .order_by("at", "pk").values_list("kind", "at", "text", "unit__name", "unit__short_name",
                                                  "actor__full_name", "actor__username")]
    events = [signer for event in task_page.timeline(task) for signer in (event.signers or [event])]
    assert [(e.kind, e.at, e.text, e.unit_name, e.actor) for e in events] == expected
    assert all(timezone.is_aware(e.at) for e in events)


def test_the_files_are_the_orm_rows(item):
    task, closure = item
    reports = task_page.report_rows(task)
    closures = [closure]
    task_page.attach_files(task, reports, closures)
    expected = {}
    for a in Attachment.objects.filter(Q(report__task=task) | Q(closure__task=task)):
        expected.setdefault(a.report_id or ("closure", a.closure_id), []).append((a.pk, a.name, a.size))
    shown = {r.pk: [(f.pk, f.name, f.size) for f in r.files] for r in reports if r.files}
    shown[("closure", closure.pk)] = [(f.pk, f.name, f.size) for f in closure.files]
    assert shown == expected
    assert [name for _pk, name, _size in shown[("closure", closure.pk)]] == ["办结.pdf"]


def test_targets_and_sub_items_are_the_orm_rows_and_print(world):
    """Targets with and without a value (a decimal: SQLite stores it as text); sub-items scoped as the ledger:
    the office sees both, 公安局's liaison only the one its unit is on."""
    from decimal import Decimal

    from django.urls import reverse

    from tasks.models import Task

    parent = make_task(world, "总体事项", responsible=["旗财政局"], targets=[
        {"text": "出庭应诉率", "comparator": ">=", "value": Decimal("90.50"), "value_unit": "%"},
        {"text": "制度建立", "comparator": "", "value": None, "value_unit": ""}])
    mine = make_task(world, "子项一", number="1-1", parent=parent)
    make_task(world, "子项二", number="1-2", lead="旗财政局", responsible=(), parent=parent)
    fields = ["pk", "task_id", "text", "comparator", "value", "value_unit"]
    assert [[getattr(t, f) for f in fields] for t in task_page.targets(parent)] == [
        [getattr(t, f) for f in fields] for t in parent.targets.all()]
    for username in ("office", "gaj", "czj"):
        user = world.user(username)
        shown = [(c.pk, str(c)) for c in task_page.children(user, parent)]
        assert shown == [(c.pk, str(c)) for c in Task.objects.visible_to(user).filter(parent=parent)]
    assert [c.pk for c in task_page.children(world.user("gaj"), parent)] == [mine.pk]
    html = world.client("gaj").get(reverse("tasks:detail", args=[parent.pk])).content.decode()
    assert "出庭应诉率 <span class=\"text-muted\">（≥ 90.50%）</span>" in html and "<li>制度建立</li>" in html
    assert "1-1 子项一" in html and "子项二" not in html
