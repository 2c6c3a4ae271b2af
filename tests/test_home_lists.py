"""A liaison's and an issuer's suggestions and meetings on their home, read as values and printed in Python
(fuyuan.home_lists): the same rows and markup as templates/suggestions/_home.html and
templates/meetings/_home_invitations.html over the ORM's lists. On SQLite (dates as text) and PostgreSQL."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from fuyuan import home_lists
from meetings import services as meetings
from meetings.models import Invitation, MeetingStatus, MeetingType, Response
from suggestions import services as suggestions
from suggestions.models import Status, Suggestion

TODAY = timezone.localdate()


def suggestion(world, by, number, served, title="关于加强<危险化学品>运输管理的\"检察建议\" & 其他"):
    kind, type_ = (("procuratorial", "public_interest") if by == "procuratorate" else ("judicial", "comprehensive"))
    return suggestions.register(by=world.user(by), kind=kind, type=type_, doc_number=number,
                                addressee=world.unit("旗公安局"), title=title, content="经审查发现……",
                                issued_on=served, served_on=served)


def meeting(world, days, number=None, units=("旗公安局",), title="府院联动联席会议<全体>会议"):
    return meetings.schedule(by=world.user("office"), type=MeetingType.objects.get(name="全体联席会议"),
                             title=title, number=number, units=[world.unit(name) for name in units],
                             starts_at=timezone.now() + datetime.timedelta(days=days, hours=3))


def a_world_with_lists(world):
    for n in range(12):  # more than the list shows
        issuer = "court" if n % 2 else "procuratorate"
        suggestion(world, issuer, f"乌建〔2026〕{n}号", TODAY - datetime.timedelta(days=n))
    replied = Suggestion.objects.filter(issuer=world.unit("旗人民法院")).order_by("pk").first()
    suggestions.reply(suggestion=replied, by=world.user("gaj"), reply_text="已整改")
    for n in range(12):
        meeting(world, days=n + 1, number=n if n % 3 else None)
    meeting(world, days=-2)  # past
    meetings.cancel(meeting=meeting(world, days=4, title="取消的会议"), by=world.user("office"), reason="改期")
    meeting(world, days=2, units=("旗财政局",))  # another unit's
    soon = meeting(world, days=0, number=7)
    meetings.respond(meeting=soon, by=world.user("gaj"), response=Response.PRINCIPAL, attendee="局长")


def orm_suggestions(unit, evaluates):
    lists = {"suggestions_to_reply": list(
        Suggestion.objects.filter(addressee=unit, status__in=[Status.AWAITING_REPLY, Status.RETURNED])
        .select_related("issuer").order_by("reply_due_on", "pk")[:10])}
    if evaluates:
        lists["suggestions_to_evaluate"] = list(
            Suggestion.objects.filter(issuer=unit, status=Status.REPLIED).select_related("addressee")
            .order_by("replied_on", "pk")[:10])
    return lists


def orm_invitations(unit):
    return list(Invitation.objects.filter(unit=unit, meeting__status=MeetingStatus.PLANNED,
                                          meeting__starts_at__gte=timezone.now()).select_related("meeting")
                .order_by("meeting__starts_at", "meeting__pk")[:10])


def test_the_lists_are_the_includes_over_the_orms_rows(world):
    a_world_with_lists(world)
    for username, evaluates in (("gaj", False), ("court", True), ("procuratorate", True), ("czj", False)):
        unit = world.user(username).unit
        expected = render_to_string("suggestions/_home.html", orm_suggestions(unit, evaluates))
        assert home_lists.suggestions_html(unit.pk, evaluates) == expected
        expected = render_to_string("meetings/_home_invitations.html", {"invitations": orm_invitations(unit)})
        assert home_lists.invitations_html(unit.pk) == expected
    gaj = home_lists.suggestions_html(world.unit("旗公安局").pk, evaluates=False)
    assert gaj.count("<tr>") == 10 and "&lt;危险化学品&gt;" in gaj and "&quot;检察建议&quot; &amp;" in gaj
    court = home_lists.suggestions_html(world.unit("旗人民法院").pk, evaluates=True)
    assert 'data-testid="home-to-evaluate"' in court
    invitations = home_lists.invitations_html(world.unit("旗公安局").pk)
    assert invitations.count("<tr><td") == 10 and "取消的会议" not in invitations and "（第7次）" in invitations


def test_nothing_to_show_is_what_the_includes_print(world):
    unit = world.unit("旗公安局")
    assert home_lists.suggestions_html(unit.pk, evaluates=True) == render_to_string("suggestions/_home.html", {})
    assert home_lists.invitations_html(unit.pk) == render_to_string("meetings/_home_invitations.html", {})


def test_the_homes_show_them_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    a_world_with_lists(world)
    # The session, the account, the unit's three task queries, the lists (one each), the unread count.
    homes = (("gaj", 8, ("home-invitations", "home-to-reply")), ("court", 9, ("home-to-evaluate",)))
    for username, queries, shown in homes:
        client = world.client(username)
        client.get(reverse("home"))  # the session's first page writes its last-seen time (then once a minute)
        with django_assert_max_num_queries(queries):
            html = client.get(reverse("home")).content.decode()
        assert all(f'data-testid="{section}"' in html for section in shown)


def test_the_unit_queues_are_the_includes_markup(world):
    from fuyuan.views import UNIT_QUEUES
    from tasks.queues import liaison_queues
    from tasks.task_table import task_table_html
    from tests.tasks.test_liaison_queues_plain import a_unit_with_every_kind_of_item

    for build in (False, True):  # every list empty, then every list with items
        if build:
            a_unit_with_every_kind_of_item(world)
        queues = liaison_queues(world.user("gaj"), TODAY)
        for queue in queues.values():  # as the home page adds them
            queue["table"] = task_table_html(queue["rows"]) if queue["count"] else ""
        expected = render_to_string("tasks/_unit_queues.html", {"queues": queues, "queue_labels": UNIT_QUEUES})
        assert home_lists.unit_queues_html(queues, UNIT_QUEUES) == expected
