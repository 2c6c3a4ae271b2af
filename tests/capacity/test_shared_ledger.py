"""The ledger's counts and page rows, compiled once for readers who see every item (tasks.views.shared_ledger_key):
the same page as the ORM builds it, the data read afresh on every request, and never for a scoped reader."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from fuyuan.lib import sql
from tasks.selectors import ledger_tasks
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
def test_the_shared_page_is_the_orms(world, items, monkeypatch, query):
    office = world.client("office")
    sql.forget_compiled()
    shared = [page(office, query), page(office, query)]  # compiled on the first, only run on the second
    monkeypatch.setattr(sql, "compiled_rows", lambda key, build: list(build()))
    built = page(office, query)
    assert shared[0] == shared[1] == built
    assert built.count("<tr data-task=") == (7 if query == "?page=2" or "title&page=2" in query else 50)


def test_every_request_reads_the_data_afresh(world, items):
    office = world.client("office")
    before = page(office)
    task = make_task(world, "新交办的逾期事项", due_in=-400)
    after = page(office)
    assert f'data-task="{task.pk}"' not in before and f'data-task="{task.pk}"' in after
    total = re.compile(r'data-testid="ledger-total">\D*(\d+)')
    assert int(total.search(after)[1]) == int(total.search(before)[1]) + 1


def test_only_for_readers_who_see_everything_and_no_filter(world):
    def key(username, query="", stored=True):
        request = RequestFactory().get(LEDGER + query)
        request.user = world.user(username)
        return shared_ledger_key(request, ledger_tasks(request.user, catch_up="current"), stored, [])

    assert key("office") == key("leader") == key("office", "?page=3&sort=due") == ("sort", ())
    assert key("gaj") is None and key("czj") is None  # their rows are a filter of their own
    assert key("office", "?light=overdue") is None and key("office", "?q=纠纷") is None
    assert key("office", stored=False) is None  # the lights computed in the query: not shared


def test_a_liaisons_ledger_after_the_offices_is_their_own(world, items):
    world.client("office").get(LEDGER)
    html = page(world.client("czj"))
    shown = set(map(int, re.findall(r'data-task="(\d+)"', html)))
    assert shown == {task.pk for n, task in enumerate(items) if n % 3}  # those with 财政局 as responsible unit
