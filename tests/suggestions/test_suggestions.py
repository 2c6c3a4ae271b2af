"""Judicial and procuratorial suggestions: reply deadlines by rule, the reply task, reply and evaluation, scoping."""

import datetime
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from suggestions import rules, services
from suggestions.models import Status, Suggestion
from tasks import deadlines
from tasks.models import Task
from tasks.services import TransitionRefused

D = datetime.date


@pytest.mark.parametrize("served, months, days, due", [
    (D(2024, 1, 31), 2, 0, D(2024, 3, 31)),
    (D(2023, 12, 31), 2, 0, D(2024, 2, 29)),
    (D(2024, 2, 20), 0, 15, D(2024, 3, 6)),
    (D(2023, 12, 30), 2, 0, D(2024, 2, 29)),
    (D(2024, 8, 31), 2, 0, D(2024, 10, 31)),
])
def test_reply_deadline_edge_dates(served, months, days, due):
    assert rules.reply_due_date(served, months, days) == due


@pytest.mark.parametrize("kind, type, urgent, period", [
    ("procuratorial", "public_interest", True, (0, 15)),
    ("procuratorial", "public_interest", False, (2, 0)),
    ("procuratorial", "correction", True, (2, 0)),
    ("judicial", "comprehensive", False, (2, 0)),
])
def test_the_rule_that_applies(world, kind, type, urgent, period):
    rule = rules.applicable_rule(kind, type, urgent)
    assert (rule.months, rule.days) == period and rule.basis


def register(world, by="procuratorate", addressee="旗公安局", number="乌检建〔2024〕3号", served=None, **kwargs):
    served = served or timezone.localdate()
    kwargs.setdefault("kind", "procuratorial" if by == "procuratorate" else "judicial")
    kwargs.setdefault("type", "public_interest" if by == "procuratorate" else "comprehensive")
    return services.register(by=world.user(by), doc_number=number, addressee=world.unit(addressee),
                             title="关于加强危险化学品运输管理的检察建议", content="经审查发现……",
                             issued_on=served, served_on=served, **kwargs)


def test_registration_opens_an_assigned_reply_task_for_the_addressee(world):
    served = D(2024, 1, 31)
    suggestion = register(world, served=served)
    assert suggestion.reply_due_on == D(2024, 3, 31)
    task = suggestion.task
    assert (task.origin, task.status, task.due_date) == ("suggestion", "assigned", D(2024, 3, 31))
    assert list(Task.objects.visible_to(world.user("gaj"))) == [task]
    assert not Task.objects.visible_to(world.user("czj")).exists()
    home = world.client("gaj").get(reverse("home")).content.decode()
    assert 'data-testid="queue-to_sign-count">1<' in home


def test_urgent_public_interest_suggestions_are_due_in_fifteen_days(world):
    suggestion = register(world, served=D(2024, 2, 20), urgent=True)
    assert suggestion.reply_due_on == D(2024, 3, 6)


def test_only_an_issuer_registers_and_a_document_number_is_unique_per_issuer(world):
    with pytest.raises(TransitionRefused):
        register(world, by="gaj")
    register(world)
    with pytest.raises(TransitionRefused):
        register(world)
    register(world, by="court", number="乌检建〔2024〕3号")  # another issuer may use the same text
    assert Suggestion.objects.count() == 2


def test_another_deadline_needs_a_reason_and_is_audited(world):
    with pytest.raises(TransitionRefused):
        register(world, reply_due_on=timezone.localdate() + datetime.timedelta(days=30))
    suggestion = register(world)
    with pytest.raises(TransitionRefused):
        services.change_deadline(suggestion=suggestion, by=world.user("procuratorate"),
                                 reply_due_on=suggestion.reply_due_on + datetime.timedelta(days=10), reason="")
    with pytest.raises(TransitionRefused):
        services.change_deadline(suggestion=suggestion, by=world.user("court"),
                                 reply_due_on=suggestion.reply_due_on, reason="不是本院的建议")
    new = suggestion.reply_due_on + datetime.timedelta(days=10)
    services.change_deadline(suggestion=suggestion, by=world.user("procuratorate"), reply_due_on=new,
                             reason="被建议单位需开展全面排查")
    assert Task.objects.get(pk=suggestion.task_id).due_date == new
    assert LogEntry.objects.filter(additional_data__detail__transition="deadline_changed").exists()


def test_reply_then_evaluation_closes_the_reply_task_on_time(world):
    suggestion = register(world)
    services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已开展专项整治", measures="排查12家企业")
    suggestion.refresh_from_db()
    assert suggestion.status == Status.REPLIED and suggestion.replied_on_time is True
    with pytest.raises(TransitionRefused):
        services.evaluate(suggestion=suggestion, by=world.user("court"), adoption="adopted", rectified=True)
    services.evaluate(suggestion=suggestion, by=world.user("procuratorate"), adoption="adopted", rectified=True,
                      comment="整改到位")
    task = Task.objects.with_light().get(pk=suggestion.task_id)
    assert task.status == "closed" and task.light == deadlines.CLOSED_ON_TIME


def test_a_late_reply_is_late_even_after_follow_up_moves_the_deadline(world):
    suggestion = register(world, served=timezone.localdate() - datetime.timedelta(days=90))
    services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已整改")
    suggestion.refresh_from_db()
    assert suggestion.replied_on_time is False
    services.return_for_more(suggestion=suggestion, by=world.user("procuratorate"), reason="请提供整改照片",
                             reply_due_on=timezone.localdate() + datetime.timedelta(days=15))
    suggestion.refresh_from_db()
    assert suggestion.status == Status.RETURNED and suggestion.task.status == "in_progress"
    services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="补充整改照片")
    suggestion.refresh_from_db()
    assert suggestion.replied_on_time is False and suggestion.status == Status.REPLIED


def test_another_units_liaison_is_refused_everywhere(world):
    suggestion = register(world)
    client = world.client("czj")
    pk = suggestion.pk
    for name in ("suggestions:detail",):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    assert client.get(reverse("suggestions:attachment", args=[pk, "suggestion"])).status_code == 404
    assert client.post(reverse("suggestions:reply", args=[pk]), {"reply_text": "冒充回复"}).status_code == 404
    for name in ("suggestions:evaluate", "suggestions:return", "suggestions:deadline"):
        assert client.post(reverse(name, args=[pk]), {"adoption": "adopted", "rectified": "1", "reason": "x",
                                                      "reply_due_on": "2030-01-01"}).status_code == 403
    assert suggestion.doc_number not in client.get(reverse("suggestions:list")).content.decode()
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("suggestions:export")).content))
    assert workbook.active.max_row == 2  # the title row and the header
    with pytest.raises(TransitionRefused):
        services.reply(suggestion=suggestion, by=world.user("czj"), reply_text="冒充回复")
    suggestion.refresh_from_db()
    assert suggestion.status == Status.AWAITING_REPLY and suggestion.reply_text == ""


def test_export_columns_and_formula_safety(world):
    register(world, number="=HYPERLINK(1)")
    data = world.client("office").get(reverse("suggestions:export")).content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value.startswith("司法建议、检察建议台账（截至")
    headers = [cell.value for cell in sheet[2]]
    assert headers == ["序号", "文号", "名称", "类别", "发出单位", "被建议单位", "案号", "发出日期", "送达日期",
                       "回复期限", "回复日期", "是否按期回复", "状态", "采纳情况", "整改情况"]
    row = dict(zip(headers, sheet[3], strict=True))
    assert row["文号"].value == "=HYPERLINK(1)" and row["文号"].data_type == "s"
    assert row["名称"].value and row["状态"].value == "待回复"
    assert isinstance(row["送达日期"].value, datetime.datetime)
    assert sheet.auto_filter.ref == "A2:O3" and sheet.page_setup.orientation == "landscape"


def test_statistics_equal_the_counts(world):
    on_time = register(world, number="乌检建〔2024〕1号")
    services.reply(suggestion=on_time, by=world.user("gaj"), reply_text="已整改")
    services.evaluate(suggestion=on_time, by=world.user("procuratorate"), adoption="partly", rectified=False)
    register(world, number="乌检建〔2024〕2号", served=timezone.localdate() - datetime.timedelta(days=100))
    register(world, by="court", number="乌法建〔2024〕1号", addressee="旗财政局")
    response = world.client("office").get(reverse("suggestions:stats"))
    rows = {row["issuer__name"]: row for row in response.context["by_issuer"]}
    assert rows["旗人民检察院"]["issued"] == 2 and rows["旗人民检察院"]["on_time"] == 1
    assert rows["旗人民检察院"]["overdue"] == 1 and rows["旗人民检察院"]["adoption_rate"] == 1.0
    assert rows["旗人民法院"]["issued"] == 1
    assert response.context["totals"]["issued"] == Suggestion.objects.count()


@pytest.mark.parametrize("size", [3, 40])
def test_the_ledger_query_count_is_flat(world, size, django_assert_max_num_queries):
    for n in range(size):
        register(world, number=f"乌检建〔2024〕{n + 1}号")
    client = world.client("office")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("suggestions:list"))
    assert response.content.decode().count("<tr data-suggestion=") == min(size, 50)


def test_the_reply_task_closes_only_through_the_suggestion(world):
    from tasks import services as task_services

    suggestion = register(world)
    with pytest.raises(TransitionRefused):
        task_services.request_closure(task=suggestion.task, by=world.user("gaj"), summary="绕过建议页面")
    services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已整改")
    with pytest.raises(TransitionRefused):
        task_services.close(task=suggestion.task, by=world.user("office"))
    assert Task.objects.get(pk=suggestion.task_id).status == "closure_requested"


def test_homes_show_what_to_reply_to_and_what_to_evaluate(world):
    suggestion = register(world)
    assert suggestion.doc_number in world.client("gaj").get(reverse("home")).content.decode()
    assert suggestion.doc_number not in world.client("czj").get(reverse("home")).content.decode()
    services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已整改")
    assert suggestion.doc_number in world.client("procuratorate").get(reverse("home")).content.decode()
