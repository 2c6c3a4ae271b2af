"""What every signed-in request pays before its page: kept small and pinned (README, Performance).

The layout's account, unit and unread count cost three queries in all (the session, the account with its unit,
the count); the session is written at most once a minute, not on every request; the navigation's addresses are
reversed once, not per request; a fragment that does not show the unread count does not count it.
"""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fuyuan.accounts.middleware import LAST_SEEN_RESOLUTION, SESSION_LAST_SEEN


def writes_to_sessions(queries):
    return [q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].lstrip().startswith("SELECT")]


@pytest.mark.parametrize("username", ["gaj", "office", "leader"])
def test_the_layout_costs_three_queries(world, username, django_assert_max_num_queries):
    client = world.client(username)
    client.get(reverse("password_change"))  # the first request writes the idle clock into the session
    with django_assert_max_num_queries(3):  # session; account with its unit; unread count
        response = client.get(reverse("password_change"))
    assert response.status_code == 200
    unit = world.user(username).unit
    if unit:
        assert unit.display_name in response.content.decode()


def test_the_session_is_written_at_most_once_a_minute(world, monkeypatch):
    client = world.client("gaj")
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get(reverse("home")).status_code == 200
    assert writes_to_sessions(queries) == []

    later = time.time() + LAST_SEEN_RESOLUTION + 1
    monkeypatch.setattr(time, "time", lambda: later)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert len(writes_to_sessions(queries)) == 1
    assert client.session[SESSION_LAST_SEEN] == later


def test_navigation_addresses_are_not_reversed_per_request(world, monkeypatch):
    from fuyuan import context_processors

    client = world.client("office")
    client.get(reverse("home"))
    calls = []
    original = context_processors.reverse
    monkeypatch.setattr(context_processors, "reverse", lambda *a, **k: calls.append(a) or original(*a, **k))
    page = client.get(reverse("units:list")).content.decode()
    assert calls == []
    assert f'class="nav-link active" href="{reverse("units:list")}" aria-current="page"' in page


def test_the_unread_count_is_counted_only_where_it_is_shown(world, rf):
    from django.template import engines

    client = world.client("gaj")
    client.get(reverse("home"))
    request = rf.get("/")
    request.user = world.user("gaj")
    request.session = client.session
    fragment = engines["django"].from_string("<p>{{ user.username }}</p>")
    with CaptureQueriesContext(connection) as queries:
        html = fragment.render({}, request)
    assert html == "<p>gaj</p>"
    assert not [q for q in queries if "notification" in q["sql"]]
