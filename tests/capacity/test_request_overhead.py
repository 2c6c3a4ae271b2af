"""What every signed-in request pays before its page: kept small and pinned (README, Performance).

The layout's account, unit and unread count cost three queries in all (the session, the account with its unit,
the count), and a bare view two — a session verified by a second factor included (its device is checked when
asked, tests/accounts/test_second_factor_session.py); the session is written at most once a minute, not on
every request; the navigation's addresses are reversed once, not per request, and its markup is rendered once
per role and current entry, never with anyone's own data; a fragment that does not show the unread count does
not count it.
"""

import time

import pytest
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from fuyuan.accounts.middleware import LAST_SEEN_RESOLUTION, SESSION_LAST_SEEN
from fuyuan.accounts.otp import PENDING
from fuyuan.urls import urlpatterns as application_urls


def bare(request):
    request.user.pk  # noqa: B018 — as every page does: the session and the account are loaded
    return HttpResponse("ok")


def layout(request):
    return render(request, "base.html", {})


# The floors of loadtest/profile_pages.py: the middleware alone, and the layout with an empty page.
urlpatterns = [*application_urls, path("__floor/bare/", bare), path("__floor/layout/", layout)]


def verified_client(world, username, settings):
    """A client whose session passed the second factor with a confirmed authenticator, as sign-in leaves it."""
    settings.OTP_REQUIRED_ROLES = ["office"]
    client = world.client(username)
    device = TOTPDevice.objects.create(user=world.user(username), name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.pop(PENDING)  # the code was given (fuyuan.accounts.otp.passed)
    session.save()
    return client


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("username", ["office", "leader", "gaj"])
def test_the_floors_cost_two_and_three_queries(world, username, settings, django_assert_max_num_queries):
    client = verified_client(world, username, settings) if username == "office" else world.client(username)
    client.get("/__floor/bare/")  # the first request writes the idle clock into the session
    with django_assert_max_num_queries(2):  # session; account with its unit — no device, no count
        assert client.get("/__floor/bare/").content == b"ok"
    with django_assert_max_num_queries(3):  # + the unread count
        assert client.get("/__floor/layout/").status_code == 200


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


def test_the_unread_count_is_the_accounts_own(world):
    from tasks.models import Notification

    gaj, czj = world.user("gaj"), world.user("czj")
    Notification.objects.bulk_create([Notification(user=gaj, text="一"), Notification(user=gaj, text="二"),
                                      Notification(user=czj, text="三")])
    Notification.objects.filter(user=gaj, text="一").update(read_at="2025-01-01T00:00Z")
    for user in (gaj, czj):
        expected = Notification.objects.filter(user=user, read_at__isnull=True).count()
        page = world.client(user.username).get(reverse("home")).content.decode()
        assert f'data-testid="unread-count">{expected}<' in page


@pytest.mark.parametrize(("first", "second"), [("gaj", "czj"), ("office", "leader"), ("czj", "sysadmin")])
def test_what_the_layout_keeps_is_never_one_accounts_for_another(world, first, second):
    """The navigation is computed once per role and entry; the name, unit and role shown are each account's."""
    pages = {name: world.client(name).get(reverse("home")).content.decode() for name in (first, second)}
    for name, page in pages.items():
        user = world.user(name)
        whoami = page.split('data-testid="whoami">', 1)[1].split("</span>", 1)[0]
        expected = str(user) + (f" · {user.unit.display_name}" if user.unit else "") + f" · {user.get_role_display()}"
        assert whoami == expected


def test_the_current_entry_is_the_longest_address_the_path_starts_with(world):
    page = world.client("office").get(reverse("tasks:queue")).content.decode()
    assert page.count('aria-current="page"') == 1
    assert f'class="nav-link active" href="{reverse("tasks:queue")}" aria-current="page"' in page
    page = world.client("office").get(reverse("password_change")).content.decode()
    assert 'aria-current="page"' not in page
