"""The demo's dozen suggestions in every state; the statistics equal the counts and agree with the task ledger."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from suggestions import services
from suggestions.demo import load_suggestions
from suggestions.models import Status, Suggestion
from tasks import deadlines
from tasks.models import Task


@pytest.fixture
def demo(world):
    today = timezone.localdate()
    load_suggestions(world.units, world.accounts, today)
    return today


def test_the_demo_has_a_dozen_suggestions_in_every_state_and_loads_once(world, demo):
    assert Suggestion.objects.count() == 12
    assert set(Suggestion.objects.values_list("status", flat=True)) == set(Status.values)
    assert {s.issuer.name for s in Suggestion.objects.select_related("issuer")} == {"旗人民法院", "旗人民检察院"}
    assert Suggestion.objects.filter(replied_on_time=False).exists()
    assert Suggestion.objects.filter(status=Status.AWAITING_REPLY, reply_due_on__lt=demo).exists()
    assert Task.objects.filter(origin="suggestion", reminders__isnull=False).exists()  # the office chased
    load_suggestions(world.units, world.accounts, demo)
    assert Suggestion.objects.count() == 12 and Task.objects.filter(origin="suggestion").count() == 12


def _expected(rows, key, today):
    counts = Counter()
    for s in rows:
        unit = getattr(s, key).name
        counts[unit, "issued"] += 1
        counts[unit, "on_time"] += s.replied_on_time is True
        counts[unit, "late"] += s.replied_on_time is False
        counts[unit, "overdue"] += s.status in (Status.AWAITING_REPLY, Status.RETURNED) and s.reply_due_on < today
        counts[unit, "evaluated"] += s.status == Status.CLOSED
        counts[unit, "adopted"] += s.adoption in ("adopted", "partly")
        counts[unit, "fixed"] += s.rectified is True
    return counts


@pytest.mark.parametrize("username", ["office", "leader", "court", "gaj"])
def test_statistics_equal_the_counts_for_what_each_reader_sees(world, demo, username):
    response = world.client(username).get(reverse("suggestions:stats"))
    visible = list(Suggestion.objects.visible_to(world.user(username)).select_related("issuer", "addressee"))
    for table, key in (("by_issuer", "issuer"), ("by_addressee", "addressee")):
        expected = _expected(visible, key, demo)
        got = Counter()
        for row in response.context[table]:
            for measure in ("issued", "on_time", "late", "overdue", "evaluated", "adopted", "fixed"):
                got[row[f"{key}__name"], measure] += row[measure]
        assert +got == +expected, table
    assert response.context["totals"]["issued"] == len(visible)


def test_overdue_suggestions_are_the_reply_tasks_the_ledger_shows_red(world, demo):
    red = Task.objects.with_light(demo).filter(origin="suggestion", light=deadlines.OVERDUE)
    waiting_red = red.filter(status__in=["assigned", "in_progress"]).count()
    totals = world.client("office").get(reverse("suggestions:stats")).context["totals"]
    assert totals["overdue"] == waiting_red > 0
    listed = world.client("office").get(reverse("suggestions:list"), {"on_time": "overdue"})
    assert listed.context["page"].paginator.count == totals["overdue"]


def test_a_returned_suggestion_past_its_new_deadline_is_overdue(world):
    today = timezone.localdate()
    served = today - datetime.timedelta(days=10)
    suggestion = services.register(by=world.user("procuratorate"), kind="procuratorial", type="governance",
                                   doc_number="乌检建〔2026〕20号", addressee=world.unit("旗公安局"), title="测试",
                                   content="建议", issued_on=served, served_on=served)
    services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已整改")
    services.return_for_more(suggestion=suggestion, by=world.user("procuratorate"), reason="请补充整改材料",
                             reply_due_on=today + datetime.timedelta(days=5))
    services.change_deadline(suggestion=suggestion, by=world.user("procuratorate"),
                             reply_due_on=today - datetime.timedelta(days=1), reason="按原约定时间")
    totals = world.client("office").get(reverse("suggestions:stats")).context["totals"]
    assert (totals["on_time"], totals["overdue"]) == (1, 1)
    task = Task.objects.with_light(today).get(pk=suggestion.task_id)
    assert task.light == deadlines.OVERDUE


def test_the_stats_page_shows_the_numbers(world, demo):
    page = world.client("office").get(reverse("suggestions:stats")).content.decode()
    assert 'data-unit="旗人民法院"' in page and 'data-unit="total"' in page
    assert f'<td data-measure="issued">{Suggestion.objects.count()}</td>' in page
