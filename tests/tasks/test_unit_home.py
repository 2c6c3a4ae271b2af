"""A liaison's home: 待签收, 待报送, 临期, 逾期, 被退回 for their unit only, each a count and a list."""

import re

from django.urls import reverse

from tasks import services
from tests.tasks.builders import days, make_task


def counts(client):
    html = client.get(reverse("home")).content.decode()
    return {name: int(n) for name, n in re.findall(r'data-testid="queue-(\w+)-count">(\d+)<', html)}


def test_the_five_lists_of_a_liaison(world):
    gaj = world.user("gaj")
    make_task(world, "待签收事项", due_in=40)
    soon = make_task(world, "临期事项", due_in=3)
    services.sign(task=soon, by=gaj)
    late = make_task(world, "逾期事项", due_in=-2)
    services.sign(task=late, by=gaj)
    returned = make_task(world, "被退回事项", due_in=30)
    services.request_closure(task=returned, by=gaj, summary="已完成")
    services.send_back(task=returned, by=world.user("office"), reason="材料不全")
    long_term = make_task(world, "长期事项", due_in=None)
    services.sign(task=long_term, by=gaj)
    make_task(world, "别人的事项", lead="旗财政局", due_in=-5)

    got = counts(world.client("gaj"))
    assert got == {"to_sign": 1, "to_report": 1, "due_soon": 1, "overdue": 1, "returned": 1}


def test_reporting_for_the_current_period_clears_to_report(world):
    from tasks import deadlines

    gaj = world.user("gaj")
    task = make_task(world, "长期事项", due_in=None, assigned_on=days(-5))
    current = deadlines.period_containing(days(0), "quarterly")
    services.report_progress(task=task, by=gaj, text="本季度已开展", period_key=current.key)
    assert counts(world.client("gaj"))["to_report"] == 0


def test_office_home_shows_the_queue(world):
    task = make_task(world, "申请办结事项")
    services.request_closure(task=task, by=world.user("gaj"), summary="已完成")
    html = world.client("office").get(reverse("home")).content.decode()
    assert re.search(r'data-testid="closure-count">1<', html)
    assert "申请办结事项" in html


def test_the_five_lists_cost_three_queries_at_any_size(world, django_assert_max_num_queries):
    """The unit's open items, its reports for the current periods, its closures sent back: flat with size."""
    from django.utils import timezone

    from tasks.queues import LIST_LIMIT, liaison_queues

    gaj, office = world.user("gaj"), world.user("office")
    made = 0
    for size in (3, LIST_LIMIT + 5):
        while made < size:
            make_task(world, f"待签收{made}", due_in=10)
            long_term = make_task(world, f"长期{made}", due_in=None, assigned_on=days(-200))
            services.sign(task=long_term, by=gaj)
            returned = make_task(world, f"退回{made}", due_in=30)
            services.request_closure(task=returned, by=gaj, summary="已完成")
            services.send_back(task=returned, by=office, reason="材料不全")
            made += 1
        with django_assert_max_num_queries(3):
            queues = liaison_queues(gaj, timezone.localdate())
        assert queues["to_sign"]["count"] == size
        assert queues["to_report"]["count"] == size
        assert queues["returned"]["count"] == size
        assert len(queues["to_sign"]["rows"]) == min(size, LIST_LIMIT)  # the list stops, the count does not


def test_office_home_counts_past_the_list(world):
    """The queue lists the first 20 requests; its count is every request (a COUNT only when the list is full)."""
    from django.utils import timezone

    from tasks.queues import LIST_LIMIT, office_queues

    office = world.user("office")
    for n in range(LIST_LIMIT + 2):
        services.request_closure(task=make_task(world, f"申请办结{n}"), by=world.user("gaj"), summary="已完成")
    queues = office_queues(office, timezone.localdate())
    assert (queues["closure_count"], len(queues["closures"])) == (LIST_LIMIT + 2, LIST_LIMIT)
    assert (queues["extension_count"], queues["extensions"]) == (0, [])
    html = world.client("office").get(reverse("home")).content.decode()
    assert re.search(rf'data-testid="closure-count">{LIST_LIMIT + 2}<', html)
