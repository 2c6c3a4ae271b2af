"""The ledger's cards show the reader's own next step: a liaison's unit's, the office's; a fixed few queries."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from suggestions import services as suggestion_services
from tasks import deadlines, services
from tasks.next_step import next_steps
from tests.tasks.builders import days, make_task

LEDGER = reverse("tasks:ledger")


def step_of(html, task):
    """The next step shown on the task's row of the ledger, or None."""
    row = re.search(rf'<tr data-task="{task.pk}">(.*?)</tr>', html, re.S)
    assert row, f"row of {task} not on the page"
    shown = re.search(r'data-testid="next-step">([^<]*)<', row[1])
    return shown[1] if shown else None


@pytest.fixture
def items(world):
    gaj, office = world.user("gaj"), world.user("office")
    unsigned = make_task(world, "未签收事项")
    owed = make_task(world, "长期事项", due_in=None, assigned_on=timezone.localdate() - datetime.timedelta(days=200))
    services.sign(task=owed, by=gaj)
    sent_back = make_task(world, "被退回事项")
    services.request_closure(task=sent_back, by=gaj, summary="已完成")
    services.send_back(task=sent_back, by=office, reason="缺少整改照片，请补充现场照片后再申请")
    waiting = make_task(world, "待审核事项")
    services.request_closure(task=waiting, by=gaj, summary="已完成")
    today = timezone.localdate()
    suggestion = suggestion_services.register(
        by=world.user("procuratorate"), kind="procuratorial", type="correction", doc_number="乌检建〔2026〕40号",
        addressee=world.unit("旗公安局"), title="检察建议", content="内容", issued_on=today, served_on=today)
    services.sign(task=suggestion.task, by=gaj)
    nothing = make_task(world, "无待办事项")
    services.sign(task=nothing, by=gaj)
    draft = make_task(world, "草稿事项", assign=False)
    extension = make_task(world, "申请延期事项")
    services.request_extension(task=extension, by=gaj, new_due_date=days(90), reason="需要")
    overdue = make_task(world, "逾期事项", due_in=-3)
    return {"unsigned": unsigned, "owed": owed, "sent_back": sent_back, "waiting": waiting,
            "reply": suggestion.task, "nothing": nothing, "draft": draft, "extension": extension, "overdue": overdue}


def test_a_liaison_sees_their_units_next_step(world, items):
    html = world.client("gaj").get(LEDGER, {"status": ""}).content.decode()
    oldest = deadlines.period_containing(items["owed"].assigned_on, items["owed"].cycle).label
    assert step_of(html, items["unsigned"]) == "签收"
    assert step_of(html, items["owed"]) == f"报送（缺报 {oldest}）"
    assert step_of(html, items["sent_back"]) == "被退回，理由：缺少整改照片，请补充现场照片后再申请"
    assert step_of(html, items["waiting"]) == "等待审核"
    assert step_of(html, items["reply"]) == "回复"
    assert step_of(html, items["nothing"]) is None


def test_the_office_sees_the_items_next_office_action(world, items):
    html = world.client("office").get(LEDGER, {"status": ""}).content.decode()
    assert step_of(html, items["draft"]) == "交办"
    assert step_of(html, items["waiting"]) == "审核办结"
    assert step_of(html, items["extension"]) == "审批延期"
    assert step_of(html, items["overdue"]) == "催办"
    assert step_of(html, items["nothing"]) is None
    assert step_of(html, items["reply"]) is None  # the issuer evaluates a suggestion's reply, not the office


def page_rows(user, ids=None):
    """The ledger's value rows for `user` (its page's rows, as the view passes them to next_steps)."""
    from tasks.selectors import ledger_tasks
    from tasks.views import ROW_FIELDS

    rows = ledger_tasks(user, timezone.localdate())
    return list((rows if ids is None else rows.filter(pk__in=ids)).values(*ROW_FIELDS))


@pytest.mark.parametrize("username, queries, expected", [
    ("office", 1, {"draft": "交办", "waiting": "审核办结", "extension": "审批延期", "overdue": "催办"}),
    ("gaj", 2, {"unsigned": "签收", "sent_back": "被退回，理由：缺少整改照片，请补充现场照片后再申请",
                "waiting": "等待审核", "reply": "回复", "nothing": None, "draft": None}),
    ("czj", 1, {}),
])
def test_the_steps_come_from_the_pages_rows_in_a_few_plain_queries(world, items, django_assert_max_num_queries,
                                                                    username, queries, expected):
    """The ledger passes its page's rows (status, light and 缺报 already read); the steps query only the rest."""
    user, rows = world.user(username), page_rows(world.user(username))
    with django_assert_max_num_queries(queries):
        steps = next_steps(user, rows, timezone.localdate())
    for name, step in expected.items():
        assert steps.get(items[name].pk) == step, name
    if not expected:
        assert steps == {}


def test_a_leader_sees_no_next_step(world, items):
    html = world.client("leader").get(LEDGER, {"status": ""}).content.decode()
    assert 'data-testid="next-step"' not in html


def test_each_unit_sees_its_own_part(world):
    """公安局 leads, 财政局 is responsible: once 公安局 has signed, only 财政局 still has 签收 to do."""
    task = make_task(world, "两家单位的事项", responsible=["旗财政局"])
    services.sign(task=task, by=world.user("gaj"))
    for username, steps in (("gaj", {}), ("czj", {task.pk: "签收"})):
        user = world.user(username)
        assert next_steps(user, page_rows(user, [task.pk])) == steps


@pytest.mark.parametrize("size", [5, 60])
def test_one_query_for_a_page_whatever_its_size(world, size, django_assert_num_queries):
    ids = [make_task(world, f"事项{n}", responsible=["旗财政局"], due_in=n - 3).pk for n in range(size)]
    for username in ("gaj", "czj", "office"):
        user = world.user(username)
        rows = page_rows(user, ids)
        with django_assert_num_queries(1):
            steps = next_steps(user, rows)
        assert len(steps) == (size if username != "office" else sum(1 for n in range(size) if n < 3))
