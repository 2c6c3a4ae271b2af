"""Collective names (旗直各相关部门…): shown and narrowed on the review page, one 催办 line for many units,
and a unit named only through a collective is not called lagging in the 通报 for an item it never signed."""

import datetime

from django.urls import reverse

from fuyuan.assessment import bulletin
from tasks import deadlines, services
from tasks.models import EventKind, Plan, TaskEvent

from .factories import make_task
from .test_plan_import_once import URL, WUSHEN


def test_the_review_page_shows_each_collective_and_the_office_narrows_it(world):
    client = world.client("office")
    page = client.post(URL, {"source": WUSHEN})
    html = page.content.decode()
    assert 'data-collective="旗直各相关部门"' in html and "旗直各相关部门 → 32个单位" in html
    names = dict((name, units) for name, units, _kept in page.context["collectives"])
    kept = [world.unit("旗公安局").pk, world.unit("旗财政局").pk]
    index = list(names).index("旗直各相关部门")
    client.post(URL, {"source": WUSHEN, "confirm": "1", "review_token": page.context["review_token"],
                      f"coll_name_{index}": "旗直各相关部门", f"coll_{index}": kept})
    item = Plan.objects.get().tasks.get(number="11")
    parts = {a.unit.name: a.via_group for a in item.assignments.select_related("unit")}
    assert parts == {"旗人民法院": "", "旗公安局": "旗直各相关部门", "旗财政局": "旗直各相关部门"}


def test_a_reminder_to_many_units_is_one_timeline_line_naming_them(world):
    task = make_task(world, responsible=("旗财政局", "旗司法局", "旗市场监督管理局"))
    before = TaskEvent.objects.filter(task=task, kind=EventKind.REMINDED).count()
    reminders = services.remind(task=task, by=world.user("office"), message="请于本周内报送进展")
    lines = TaskEvent.objects.filter(task=task, kind=EventKind.REMINDED)
    assert len(reminders) == 4 and lines.count() == before + 1
    assert all(name in lines.get().text for name in ("旗公安局", "旗财政局", "旗司法局", "旗市场监督管理局"))
    html = world.client("office").get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert html.count("请于本周内报送进展") == 1


def test_a_unit_only_in_a_collective_is_not_lagging_for_an_item_it_never_signed(world):
    czj = world.unit("旗财政局")
    make_task(world, "公安局牵头事项", responsible=())
    via = make_task(world, "旗直各部门牵头事项", lead="旗财政局", responsible=(), via_groups={czj.pk: "旗直各部门"})
    period = deadlines.period_from_key("2024-Q2")
    today = datetime.date(2024, 6, 30)
    lagging = [row["unit__name"] for row in bulletin.content(period, today)["lagging"]]
    assert "旗公安局" in lagging and "旗财政局" not in lagging
    services.sign(task=via, by=world.user("czj"))  # once it has signed, the item is its own
    lagging = [row["unit__name"] for row in bulletin.content(period, today)["lagging"]]
    assert "旗财政局" in lagging
