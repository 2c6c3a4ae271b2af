"""The ledger's counts and page rows, compiled once per kind of reader (tasks.views.shared_ledger_key): the same
page as the ORM builds it, the data read afresh on every request, and a liaison's statement run with their own
unit, never another's."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from fuyuan.lib import sql
from tasks.views import shared_ledger_key
from tests.tasks.builders import make_task

LEDGER = reverse("tasks:ledger")


def page(client, query=""):
    html = client.get(LEDGER + query).content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value=|csrftoken": |nonce=)"[^"]*"', r'\1"X"', html)


@pytest.fixture
def items(world):
    return [make_task(world, f"事项{n}", due_in=n - 20, responsible=["旗财政局"] if n % 3 else ())
            for n in range(57)]


@pytest.mark.parametrize("query", ["", "?page=2", "?sort=-due", "?sort=title&page=2", "?page=9"])
@pytest.mark.parametrize("username", ["office", "czj"])
def test_the_shared_page_is_the_orms(world, items, monkeypatch, query, username):
    reader = world.client(username)
    sql.forget_compiled()
    shared = [page(reader, query), page(reader, query)]  # compiled on the first, only run on the second
    monkeypatch.setattr(sql, "compiled_rows", lambda key, build, values=(), optional=(): list(build(*values)))
    built = page(reader, query)
    assert shared[0] == shared[1] == built
    if username == "office":
        assert built.count("<tr data-task=") == (7 if query == "?page=2" or "title&page=2" in query else 50)
    else:  # 财政局 is responsible for two items in three
        assert built.count("<tr data-task=") == 38


def test_every_request_reads_the_data_afresh(world, items):
    office = world.client("office")
    before = page(office)
    task = make_task(world, "新交办的逾期事项", due_in=-400)
    after = page(office)
    assert f'data-task="{task.pk}"' not in before and f'data-task="{task.pk}"' in after
    total = re.compile(r'data-testid="ledger-total">\D*(\d+)')
    assert int(total.search(after)[1]) == int(total.search(before)[1]) + 1


def test_shared_for_each_kind_of_reader_and_no_filter(world):
    def key(username, query="", stored=True):
        request = RequestFactory().get(LEDGER + query)
        request.user = world.user(username)
        shared = shared_ledger_key(request, timezone.localdate(), stored, [])
        return shared and (shared.key, shared.values)

    office, leader, gaj, czj = key("office"), key("leader"), key("gaj"), key("czj")
    assert office[0][:2] == ("sort", ()) and key("office", "?page=3&sort=due") == office
    assert leader[0] != office[0]  # another role: its own statements, even where visible_to is the same
    assert gaj[0] == czj[0] and gaj[1] != czj[1]  # the same statements, each run with the liaison's own unit
    assert gaj[1] == (world.user("gaj").unit_id,)
    assert key("office", "?light=overdue") is None and key("gaj", "?q=纠纷") is None
    assert key("office", stored=False) is None  # the lights computed in the query: not shared


def test_a_liaisons_ledger_after_the_offices_is_their_own(world, items):
    world.client("office").get(LEDGER)
    html = page(world.client("czj"))
    shown = set(map(int, re.findall(r'data-task="(\d+)"', html)))
    assert shown == {task.pk for n, task in enumerate(items) if n % 3}  # those with 财政局 as responsible unit


def test_liaisons_of_two_units_one_after_the_other_each_see_their_own(world, items):
    """The statement compiled for the first liaison is run for the second with the second's unit."""
    lead = make_task(world, "公安局独办的事项", lead="旗公安局", due_in=-100)  # first: the most overdue
    sql.forget_compiled()
    czj, gaj = page(world.client("czj")), page(world.client("gaj"))
    total = re.compile(r'data-testid="ledger-total">\D*(\d+)')
    shown = {name: set(map(int, re.findall(r'data-task="(\d+)"', html))) for name, html in (("czj", czj), ("gaj", gaj))}
    assert shown["czj"] == {task.pk for n, task in enumerate(items) if n % 3} and int(total.search(czj)[1]) == 38
    assert int(total.search(gaj)[1]) == 58 and lead.pk in shown["gaj"]  # the items are led by 公安局 too
