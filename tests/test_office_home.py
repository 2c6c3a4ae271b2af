"""The office's and leaders' home (fuyuan.office_home, printed by fuyuan.home_lists): what it counts and lists is
what the ORM gives, after every change of the data in the same process (its statements are compiled once a day,
never its results), its lists are the includes' markup, and it runs a fixed number of queries."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from fuyuan import home_lists, office_home
from fuyuan.lib import sql
from fuyuan.units import services as units
from fuyuan.units.models import MemberUnit, RosterPosition
from meetings.models import Meeting, MeetingStatus
from tasks import deadlines, services
from tasks.models import Status
from tasks.queues import LIST_COLUMNS, LIST_LIMIT, liaison_queues, light_counts
from tasks.selectors import ledger_tasks, pending_closures, pending_extensions
from tests.tasks.builders import days, make_task
from tests.test_home_lists import meeting

TODAY = timezone.localdate()
AWKWARD = '<b>&"事项"</b>'


def masked(html):
    """The page without what changes on every response (the CSRF token, the CSP nonce)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"x-csrftoken": *"[^"]+"', "", html, flags=re.IGNORECASE)
    return re.sub(r'nonce="[^"]+"', "", html)


def home(world, username):
    return world.client(username).get(reverse("home")).content.decode()


def orm_figures(user):
    """What the page showed when its view read everything through the ORM and printed it through the includes:
    its counts, and its fragments as the includes print the ORM's objects."""
    tasks = ledger_tasks(user, TODAY, catch_up=True)
    lights = light_counts(tasks.exclude(status=Status.DRAFT), TODAY)
    overdue = list(tasks.filter(light=deadlines.OVERDUE).prefetch_related(None).select_related(None)
                   .only(*LIST_COLUMNS).order_by("due_date", "sort_key", "pk")[:LIST_LIMIT])
    queues = {"closures": list(pending_closures().order_by("requested_at", "pk")[:LIST_LIMIT]),
              "closure_count": pending_closures().count(),
              "extensions": list(pending_extensions().order_by("requested_at", "pk")[:LIST_LIMIT]),
              "extension_count": pending_extensions().count()}
    upcoming = list(Meeting.objects.filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
                    .select_related("type").order_by("starts_at", "pk")[:office_home.UPCOMING_LIMIT])
    return {
        "unit_count": MemberUnit.objects.active().count(),
        "roster_count": RosterPosition.objects.current().count(),
        "draft_count": tasks.filter(status=Status.DRAFT).count(),
        "light_cards": render_to_string("tasks/_light_cards.html", {
            "light_counts": [(light, lights[light]) for light in deadlines.LIGHTS], "lights": lights}),
        "overdue": render_to_string("tasks/_task_rows.html", {"rows": overdue}),
        "queue_tables": render_to_string("tasks/_queue_tables.html", {"queues": queues}),
        "upcoming": render_to_string("meetings/_home_upcoming.html", {"upcoming_meetings": upcoming}),
    }


def assert_the_orms(world, username):
    """The user's home shows the ORM's counts and the includes' fragments over the ORM's rows."""
    expected = orm_figures(world.user(username))
    html = home(world, username)
    fragments = ["light_cards", "overdue", "upcoming"] + (["queue_tables"] if username == "office" else [])
    for fragment in fragments:
        assert expected[fragment] in html, fragment
    if username == "office":
        units_link, roster_link = reverse("units:list"), reverse("units:roster")
        assert re.search(rf'href="{units_link}">[^<\d]*{expected["unit_count"]}\D', html)
        assert re.search(rf'href="{roster_link}">[^<\d]*{expected["roster_count"]}\D', html)
        drafts = re.search(r'\?status=draft">(\d+)', html)
        assert (int(drafts[1]) if drafts else 0) == expected["draft_count"]
    else:
        assert f'data-testid="unit-count">{expected["unit_count"]}<' in html
        assert f'</a>：{expected["roster_count"]}</li>' in html
        assert "closure-queue" not in html and "status=draft" not in html
    return expected


def orm_only(monkeypatch):
    """office_home's compiled statements bypassed: every figure built and run by the ORM on every request."""
    def counts(_key, build):
        queryset, aggregates = build()
        return queryset.aggregate(**aggregates)

    monkeypatch.setattr(office_home, "shared_key", lambda *args: None)
    monkeypatch.setattr(office_home, "compiled_rows", lambda _key, build: [tuple(row) for row in build()])
    monkeypatch.setattr(office_home, "compiled_counts", counts)
    monkeypatch.setattr(office_home, "compiled_counts_together",
                        lambda key, builds: [counts(key, build) for build in builds])


def some_work(world, n=0):
    """Items in every state the page counts or lists, requests waiting, a meeting; awkward text throughout."""
    gaj, office = world.user("gaj"), world.user("office")
    make_task(world, f"草稿{n} {AWKWARD}", assign=False)
    make_task(world, f"逾期{n} {AWKWARD}", due_in=-3 - n)
    make_task(world, f"临期{n}", due_in=2)
    make_task(world, f"长期{n}·缺报", due_in=None, assigned_on=TODAY - datetime.timedelta(days=200))
    closing = make_task(world, f"申请办结{n} {AWKWARD}", due_in=5)
    services.sign(task=closing, by=gaj)
    services.request_closure(task=closing, by=gaj, summary=f"已完成 <全部> & \"整改\"{n}" * 8)
    extending = make_task(world, f"申请延期{n}", due_in=5)
    services.sign(task=extending, by=gaj)
    services.request_extension(task=extending, by=gaj, new_due_date=days(40), reason="理由<&>" * 30)
    services.cancel(task=make_task(world, f"撤销{n}", due_in=1), by=office, reason="重复")
    meeting(world, days=n + 1, number=n or None, title=f"专题<会议> & \"{n}\"")


def test_the_homes_show_the_orms_figures_after_every_change(world):
    sql.forget_compiled()
    for username in ("office", "leader"):  # nothing yet: zeros, empty tables
        expected = assert_the_orms(world, username)
    assert "closure-queue" in expected["queue_tables"]
    for n in range(2):  # each change after the statements were compiled and run
        some_work(world, n)
        for username in ("office", "leader"):
            expected = assert_the_orms(world, username)
        assert expected["draft_count"] == n + 1 and expected["overdue"].count("<tr><td") == n + 1
    unit = world.unit("旗财政局")
    unit.active = False
    unit.save()
    units.end_roster_position(position=RosterPosition.objects.current().first(), by=world.user("office"))
    gaj = world.user("gaj")
    for n in range(LIST_LIMIT + 1):  # past the list: counted
        task = make_task(world, f"批量办结{n}", due_in=n - 5)
        services.sign(task=task, by=gaj)
        services.request_closure(task=task, by=gaj, summary=f"完成{n}")
    for username in ("office", "leader"):
        expected = assert_the_orms(world, username)
    assert f'data-testid="closure-count">{LIST_LIMIT + 3}<' in home(world, "office")


def test_the_compiled_page_is_the_page_the_orm_builds(world, monkeypatch):
    """The whole page, byte for byte, with the statements compiled once and with every one built by the ORM."""
    sql.forget_compiled()
    some_work(world)
    compiled = {username: masked(home(world, username)) for username in ("office", "leader")}
    some_work(world, 1)  # the data changes; the compiled statements stay
    compiled_after = {username: masked(home(world, username)) for username in ("office", "leader")}
    assert compiled_after != compiled
    orm_only(monkeypatch)
    assert {username: masked(home(world, username)) for username in ("office", "leader")} == compiled_after


def test_the_lists_are_the_includes_markup_when_empty(world):
    lights = dict.fromkeys((*deadlines.LIGHTS, "missing_report", "total"), 0)
    assert home_lists.light_cards_html(lights) == render_to_string(
        "tasks/_light_cards.html", {"light_counts": [(light, 0) for light in deadlines.LIGHTS], "lights": lights})
    queues = {"closures": [], "closure_count": 0, "extensions": [], "extension_count": 0}
    assert home_lists.queue_tables_html(queues) == render_to_string("tasks/_queue_tables.html", {"queues": queues})
    assert home_lists.upcoming_html([]) == render_to_string("meetings/_home_upcoming.html",
                                                            {"upcoming_meetings": []})


@pytest.mark.parametrize("text", ["短", "x" * 80, "x" * 81, "é" * 79 + "e\u0301" + "x", "<&>\"'" * 20, "e\u0301" * 85])
def test_truncated_text_is_truncatechars(text):
    from django.template import Context, Template

    assert home_lists._truncated(text) == Template("{{ text|truncatechars:80 }}").render(Context({"text": text}))


def test_a_reader_with_a_scope_of_their_own_is_counted_by_the_orm(world):
    assert office_home.shared_key(world.user("office"), TODAY, True) == (TODAY, "stored")
    assert office_home.shared_key(world.user("leader"), TODAY, False) == (TODAY, "computed")
    assert office_home.shared_key(world.user("gaj"), TODAY, True) is None
    make_task(world, "公安局逾期", due_in=-3)
    make_task(world, "财政局逾期", lead="旗财政局", due_in=-3)
    make_task(world, "草稿", assign=False)
    figures = office_home.figures(world.user("gaj"), TODAY)
    assert [item.title for item in figures["queues"]["overdue"]] == ["公安局逾期"]
    assert figures["queues"]["draft_count"] == 0 and figures["queues"]["lights"]["total"] == 1
    assert len(office_home.figures(world.user("office"), TODAY)["queues"]["overdue"]) == 2


def test_the_homes_run_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    some_work(world)
    # The session, the account, the light check, the counts, the counts per light, the overdue list, (the office:
    # the closures and the extensions,) the meetings, the unread count; the leader reads no requests.
    clients = {}
    for username, queries in (("office", 10), ("leader", 8), ("gaj", 8)):
        client = clients[username] = world.client(username)
        client.get(reverse("home"))  # the session's first page writes its last-seen time
        for _ in range(2):  # compiling, then the compiled statements
            with django_assert_max_num_queries(queries):
                assert client.get(reverse("home")).status_code == 200
    gaj = world.user("gaj")
    for n in range(LIST_LIMIT):
        task = make_task(world, f"批量办结{n}")
        services.sign(task=task, by=gaj)
        services.request_closure(task=task, by=gaj, summary="完成")
    with django_assert_max_num_queries(11):  # a full list: its COUNT
        html = clients["office"].get(reverse("home")).content.decode()
    assert f'data-testid="closure-count">{LIST_LIMIT + 1}<' in html


def test_a_liaisons_home_is_its_own(world):
    some_work(world)
    home(world, "office")  # the office's statements compiled first
    html = home(world, "gaj")
    queues = liaison_queues(world.user("gaj"), TODAY)
    assert "light-cards" not in html and "closure-queue" not in html and "home-upcoming" not in html
    for name, queue in queues.items():
        assert f'data-testid="queue-{name}-count">{queue["count"]}<' in html
