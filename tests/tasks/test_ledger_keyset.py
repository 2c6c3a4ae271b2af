"""The ledger's deep pages go by keyset: every row once, in the one-page order, and no OFFSET past the numbered pages.

Pages are made small here (4 rows, 2 numbered pages) so a few dozen items reach the keyset pages; the rule is
the same at 50 rows and 5 numbered pages.
"""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tasks import ledger_paging, services
from tests.tasks.builders import make_task

LEDGER = reverse("tasks:ledger")


def rows(response):
    return [int(pk) for pk in re.findall(r'<tr data-task="(\d+)"', response.content.decode())]


def link(response, which):
    """The query string of the page's First / Previous / Next link, or None."""
    match = re.search(rf'href="\?([^"]*)" data-page="{which}"', response.content.decode())
    return html.unescape(match[1]) if match else None


@pytest.fixture
def ledger(world, monkeypatch):
    """23 items: due dates with ties, long-term items (no date), closed and cancelled ones."""
    tasks = []
    for n in range(23):
        due_in = None if n % 6 == 5 else (n % 4) * 10 - 15  # several items share each due date
        tasks.append(make_task(world, f"事项{n:02d}", due_in=due_in))
    office = world.user("office")
    for task in tasks[:3]:
        services.request_closure(task=task, by=world.user("gaj"), summary="已完成")
        services.close(task=task, by=office)
    services.cancel(task=tasks[3], by=office, reason="不再督办")
    monkeypatch.setattr(ledger_paging, "PAGE_SIZE", 4)
    monkeypatch.setattr(ledger_paging, "NUMBERED_PAGES", 2)
    return tasks


def walk(client, params):
    """Every page by following "Next" from the first; returns the pages' rows and responses."""
    response = client.get(LEDGER, params)
    pages = [response]
    while (query := link(response, "next")) is not None:
        response = client.get(f"{LEDGER}?{query}")
        pages.append(response)
        assert len(pages) < 20
    return pages


@pytest.mark.parametrize("sort", ["", "-due", "closed", "-status"])
def test_following_next_shows_every_row_once_in_the_one_page_order(world, ledger, monkeypatch, sort):
    client = world.client("office")
    params = {"sort": sort} if sort else {}
    pages = walk(client, params)
    walked = [pk for response in pages for pk in rows(response)]
    monkeypatch.setattr(ledger_paging, "PAGE_SIZE", 1000)
    one_page = rows(client.get(LEDGER, params))
    assert len(one_page) == 23
    assert walked == one_page  # complete, unduplicated and in the same order as one long page
    assert len(pages) == 6 and all(len(rows(r)) == 4 for r in pages[:-1])
    assert "after=" in link(pages[2], "next")  # past the numbered pages: by keyset


def test_previous_from_a_keyset_page_shows_the_same_pages_back(world, ledger):
    client = world.client("office")
    pages = walk(client, {"sort": "-due"})
    response = pages[-1]
    back = [rows(response)]
    while (query := link(response, "previous")) is not None:
        response = client.get(f"{LEDGER}?{query}")
        back.append(rows(response))
    assert back[::-1] == [rows(r) for r in pages]


def test_keyset_pages_read_no_offset_and_numbered_pages_do(world, ledger):
    client = world.client("office")
    pages = walk(client, {})
    with CaptureQueriesContext(connection) as deep:
        client.get(f"{LEDGER}?{link(pages[3], 'next')}")  # page 5
    with CaptureQueriesContext(connection) as numbered:
        client.get(LEDGER, {"page": 2})
    task_queries = [q["sql"] for q in deep.captured_queries if '"tasks_task"' in q["sql"]]
    assert task_queries and not any("OFFSET" in sql for sql in task_queries)
    assert any("OFFSET" in q["sql"] for q in numbered.captured_queries)


def test_a_keyset_page_keeps_the_filters_and_counts(world, ledger):
    client = world.client("office")
    pages = walk(client, {"status": "open"})
    walked = [pk for response in pages for pk in rows(response)]
    open_items = {task.pk for task in ledger[4:]}
    assert sorted(walked) == sorted(open_items)
    assert "status=open" in link(pages[-2], "next")
    total = re.search(r'data-testid="ledger-total">[^<\d]*(\d+)', pages[-1].content.decode())
    assert int(total[1]) == len(open_items)


@pytest.mark.parametrize("cursor", ["garbage", "W10", "WyJ4Il0", "WzEsIjIwMjYtMTMtMDEiLCJ4IiwieSJd"])
def test_a_tampered_cursor_shows_the_first_page(world, ledger, cursor):
    client = world.client("office")
    first = rows(client.get(LEDGER))
    for name in ("after", "before"):
        response = client.get(LEDGER, {name: cursor, "page": 7})
        assert response.status_code == 200
        assert rows(response) == first


def test_a_deep_page_number_without_a_cursor_is_not_an_offset(world, ledger):
    client = world.client("office")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LEDGER, {"page": 5})
    assert rows(response) == rows(client.get(LEDGER))
    assert not any("OFFSET" in q["sql"] for q in captured.captured_queries)


@pytest.mark.parametrize("size", [12, 60])
def test_a_keyset_page_query_count_is_flat(world, size, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(ledger_paging, "PAGE_SIZE", 4)
    monkeypatch.setattr(ledger_paging, "NUMBERED_PAGES", 1)
    for n in range(size):
        make_task(world, f"事项{n}", responsible=["旗财政局"], due_in=n % 7)
    client = world.client("office")
    second = link(client.get(LEDGER), "next")
    third = link(client.get(f"{LEDGER}?{second}"), "next")
    assert "after=" in third
    with django_assert_max_num_queries(12):
        response = client.get(f"{LEDGER}?{third}")
    assert len(rows(response)) == 4
