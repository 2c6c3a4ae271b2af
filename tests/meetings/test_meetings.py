"""Joint meetings: scheduling, replies, attendance, minutes, decisions that become ledger items, scoping."""

import datetime
import io
import re

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import compliance, services
from meetings.models import Invitation, Meeting, MeetingType, Response
from tasks.models import Notification, Origin, Task
from tasks.services import TransitionRefused

D = datetime.date


def plenary():
    return MeetingType.objects.get(name="全体联席会议")


@pytest.fixture
def meeting(world):
    return services.schedule(by=world.user("office"), type=plenary(), title="府院联动联席会议全体会议", number=3,
                             starts_at=timezone.now() - datetime.timedelta(hours=2), place="旗政府三楼会议室",
                             host="召集人", agenda="1. 通报上半年工作\n2. 研究议定事项",
                             units=[world.unit("旗公安局"), world.unit("旗财政局"), world.unit("旗司法局")])


def test_scheduling_invites_and_notifies_the_units(world, meeting):
    assert meeting.invitations.count() == 3
    assert Notification.objects.filter(user=world.user("gaj"), text__contains="联席会议全体会议").exists()
    assert not Notification.objects.filter(user=world.user("court")).exists()


def test_only_the_office_schedules(world):
    with pytest.raises(TransitionRefused):
        services.schedule(by=world.user("leader"), type=plenary(), title="x", starts_at=timezone.now(),
                          units=[world.unit("旗公安局")])


def test_replies_need_a_name_and_a_reason_when_not_the_principal(world, meeting):
    gaj = world.user("gaj")
    with pytest.raises(TransitionRefused):
        services.respond(meeting=meeting, by=gaj, response=Response.DEPUTY, attendee="李副局长")
    with pytest.raises(TransitionRefused):
        services.respond(meeting=meeting, by=gaj, response=Response.PRINCIPAL, attendee="")
    services.respond(meeting=meeting, by=gaj, response=Response.DEPUTY, attendee="李副局长", attendee_title="副局长",
                     reason="局长外出参加全区会议")
    invitation = Invitation.objects.get(meeting=meeting, unit=world.unit("旗公安局"))
    assert (invitation.response, invitation.attendee) == (Response.DEPUTY, "李副局长")


def test_a_unit_not_invited_can_neither_reply_nor_see(world, meeting):
    with pytest.raises(TransitionRefused):
        services.respond(meeting=meeting, by=world.user("court"), response=Response.PRINCIPAL, attendee="院长")
    client = world.client("court")
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:document", args=[meeting.pk, "notice"])).status_code == 404
    assert client.post(reverse("meetings:respond", args=[meeting.pk]),
                       {"response": "principal", "attendee": "院长"}).status_code == 404
    assert meeting.display_title not in client.get(reverse("meetings:list")).content.decode()


def test_a_liaison_answers_only_for_their_own_unit(world, meeting):
    client = world.client("czj")
    client.post(reverse("meetings:respond", args=[meeting.pk]), {"response": "principal", "attendee": "陈局长"})
    replies = dict(Invitation.objects.filter(meeting=meeting).values_list("unit__name", "response"))
    assert replies == {"旗公安局": "pending", "旗财政局": "principal", "旗司法局": "pending"}


def test_attendance_minutes_and_decisions_reach_the_ledger(world, meeting):
    office = world.user("office")
    gaj_invitation = Invitation.objects.get(meeting=meeting, unit=world.unit("旗公安局"))
    czj_invitation = Invitation.objects.get(meeting=meeting, unit=world.unit("旗财政局"))
    services.record_attendance(meeting=meeting, by=office, attendance={
        gaj_invitation.pk: (True, True, "赵局长"), czj_invitation.pk: (True, False, "钱副局长")})
    services.record_minutes(meeting=meeting, by=office, minutes="会议听取了上半年工作情况汇报。")
    first = services.add_decision(meeting=meeting, by=office, text="建立涉企行政案件信息共享机制",
                                  lead_units=[world.unit("旗公安局")], responsible_units=[world.unit("旗财政局")],
                                  due_date=timezone.localdate() + datetime.timedelta(days=3))
    services.add_decision(meeting=meeting, by=office, text="完善行政机关负责人出庭应诉通报", lead_units=[
        world.unit("旗司法局")], due_date=timezone.localdate() - datetime.timedelta(days=1))
    tasks = services.confirm_decisions(meeting=meeting, by=office)
    assert len(tasks) == 2 and all(t.origin == Origin.MEETING and t.status == "assigned" for t in tasks)
    first.refresh_from_db()
    assert first.task.meeting_decision == first
    with pytest.raises(TransitionRefused):
        services.confirm_decisions(meeting=meeting, by=office)

    html = world.client("office").get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert 'data-light="due_soon"' in html and 'data-light="overdue"' in html
    ledger = world.client("office").get(reverse("tasks:ledger"), {"origin": "meeting"}).content.decode()
    assert "建立涉企行政案件信息共享机制" in ledger
    home = world.client("czj").get(reverse("home")).content.decode()
    assert re.search(r'data-testid="queue-to_sign-count">1<', home)

    rates = {row["unit__name"]: row for row in compliance.attendance(timezone.localdate().year)}
    assert rates["旗公安局"]["principal_rate"] == 1.0
    assert rates["旗财政局"]["attendance_rate"] == 1.0 and rates["旗财政局"]["principal_rate"] == 0.0
    # 旗司法局 was not recorded: neither present nor absent, and no 考核 deduction.
    assert rates["旗司法局"]["attendance_rate"] is None and rates["旗司法局"]["absent_without_reason"] == 0


def test_attendance_cannot_be_recorded_before_the_meeting(world):
    future = services.schedule(by=world.user("office"), type=plenary(), title="下次会议",
                               starts_at=timezone.now() + datetime.timedelta(days=3), units=[world.unit("旗公安局")])
    with pytest.raises(TransitionRefused):
        services.record_attendance(meeting=future, by=world.user("office"), attendance={})


def held(world, meeting_type, day):
    meeting = services.schedule(by=world.user("office"), type=meeting_type, title=f"{meeting_type.name}{day}",
                                starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))),
                                units=[world.unit("旗公安局")])
    Meeting.objects.filter(pk=meeting.pk).update(status="held")
    return meeting


def test_cadence_at_period_boundaries(world):
    plenary_type = plenary()
    quarterly = MeetingType.objects.get(name="诉源治理联席会议")
    held(world, plenary_type, D(2024, 6, 30))   # last day of the first half
    held(world, quarterly, D(2024, 4, 1))       # first day of Q2
    rows = {(r.type.name, r.period.key): r.state for r in compliance.cadence(2024, today=D(2024, 10, 1))}
    assert rows[("全体联席会议", "2024-H1")] == "met"
    assert rows[("全体联席会议", "2024-H2")] == "open"
    assert rows[("诉源治理联席会议", "2024-Q1")] == "missing"
    assert rows[("诉源治理联席会议", "2024-Q2")] == "met"
    assert rows[("诉源治理联席会议", "2024-Q3")] == "missing"
    assert rows[("诉源治理联席会议", "2024-Q4")] == "open"
    assert rows[("行政复议与行政审判联席会议", "2024")] == "open"
    assert not any(name == "府检专题联席会议" for name, _ in rows)  # as needed: no requirement


def test_notice_and_minutes_as_pages_and_word_documents(world, meeting):
    services.record_minutes(meeting=meeting, by=world.user("office"), minutes="会议研究了三项议题。")
    client = world.client("gaj")
    notice = client.get(reverse("meetings:document", args=[meeting.pk, "notice"])).content.decode()
    assert "关于召开" in notice and "旗政府三楼会议室" in notice
    response = client.get(reverse("meetings:document_docx", args=[meeting.pk, "minutes"]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "纪要" in text and "会议研究了三项议题。" in text


def test_cancelling_needs_a_reason_and_notifies(world):
    meeting = services.schedule(by=world.user("office"), type=plenary(), title="将取消的会议",
                                starts_at=timezone.now() + datetime.timedelta(days=3), units=[world.unit("旗公安局")])
    with pytest.raises(TransitionRefused):
        services.cancel(meeting=meeting, by=world.user("office"), reason="")
    services.cancel(meeting=meeting, by=world.user("office"), reason="与全区会议冲突")
    assert Meeting.objects.get(pk=meeting.pk).status == "cancelled"
    assert Notification.objects.filter(user=world.user("gaj")).count() == 2  # the notice, then the cancellation


@pytest.mark.parametrize("size", [3, 30])
def test_the_meeting_list_query_count_is_flat(world, size, django_assert_max_num_queries):
    for n in range(size):
        services.schedule(by=world.user("office"), type=plenary(), title=f"会议{n}",
                          starts_at=timezone.now() - datetime.timedelta(days=n), units=[world.unit("旗公安局")])
    client = world.client("office")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("meetings:list")).status_code == 200
    assert Task.objects.count() == 0


def test_a_meeting_to_answer_is_on_the_liaisons_home(world):
    services.schedule(by=world.user("office"), type=plenary(), title="待回复的会议",
                      starts_at=timezone.now() + datetime.timedelta(days=3), units=[world.unit("旗公安局")])
    assert "待回复的会议" in world.client("gaj").get(reverse("home")).content.decode()
    assert "待回复的会议" not in world.client("czj").get(reverse("home")).content.decode()
    assert "待回复的会议" in world.client("office").get(reverse("home")).content.decode()


def test_the_office_adds_a_meeting_type_and_the_cadence_table_checks_it(world):
    response = world.client("office").post(reverse("meetings:types"), {
        "name": "行政争议实质性化解联席会议", "cadence": "quarterly", "per_period": 1, "basis": "每季度", "order": 60})
    assert response.status_code == 302
    rows = compliance.cadence(2024, today=D(2024, 5, 1))
    assert any(r.type.name == "行政争议实质性化解联席会议" and r.period.key == "2024-Q1" and r.state == "missing"
               for r in rows)
    refused = world.client("leader").post(reverse("meetings:types"), {"name": "领导加的", "cadence": "yearly",
                                                                      "per_period": 1, "order": 1})
    assert refused.status_code == 403 and not MeetingType.objects.filter(name="领导加的").exists()
