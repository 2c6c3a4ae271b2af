"""The minutes page opens, attendance never penalises by default, and the meeting forms keep what was typed."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fuyuan.assessment.scoring import score
from meetings import compliance, services
from meetings.models import Invitation, MeetingType


@pytest.fixture
def meeting(world):
    return services.schedule(by=world.user("office"), type=MeetingType.objects.get(name="全体联席会议"),
                             title="府院联动联席会议全体会议", number=3,
                             starts_at=timezone.now() - datetime.timedelta(hours=2),
                             units=[world.unit("旗公安局"), world.unit("旗财政局"), world.unit("旗司法局")])


def invitation(meeting, world, name):
    return Invitation.objects.get(meeting=meeting, unit=world.unit(name))


def test_the_minutes_button_opens_the_minutes_for_every_reader(world, meeting):
    services.record_minutes(meeting=meeting, by=world.user("office"), minutes="会议研究了三项议题。")
    minutes_url = f"/meetings/{meeting.pk}/minutes/"
    detail = world.client("office").get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert f'href="{minutes_url}"' in detail
    for username in ("office", "leader", "gaj"):
        response = world.client(username).get(minutes_url)
        assert response.status_code == 200, username
        assert "会议研究了三项议题。" in response.content.decode()
    # Recording has its own address, and still works.
    response = world.client("office").post(reverse("meetings:record_minutes", args=[meeting.pk]),
                                           {"minutes": "修改后的纪要。"})
    assert response.status_code == 302
    assert "修改后的纪要。" in world.client("gaj").get(minutes_url).content.decode()


def test_saving_the_attendance_form_as_shown_marks_no_unit_absent(world, meeting):
    services.respond(meeting=meeting, by=world.user("gaj"), response="principal", attendee="赵局长")
    client = world.client("office")
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    # Post the form exactly as the page presets it.
    data = {}
    for pk in meeting.invitations.values_list("pk", flat=True):
        select = re.search(rf'name="presence_{pk}".*?</select>', page, re.S).group(0)
        chosen = re.search(r'<option value="(\w*)" selected', select)
        data[f"presence_{pk}"] = chosen.group(1) if chosen else ""
    response = client.post(reverse("meetings:record_attendance", args=[meeting.pk]), data)
    assert response.status_code == 302
    states = dict(Invitation.objects.filter(meeting=meeting).values_list("unit__name", "attended"))
    assert states == {"旗公安局": True, "旗财政局": None, "旗司法局": None}
    rows = {row["unit__name"]: row for row in compliance.attendance(timezone.localdate().year)}
    assert rows["旗司法局"]["absent_without_reason"] == 0
    assert all(s.counts["absent_without_reason"] == 0 for s in score(timezone.localdate().year))


def test_the_service_does_not_default_to_absent(world, meeting):
    gaj = invitation(meeting, world, "旗公安局")
    services.record_attendance(meeting=meeting, by=world.user("office"), attendance={gaj.pk: (True, True, "赵局长")})
    states = dict(Invitation.objects.filter(meeting=meeting).values_list("unit__name", "attended"))
    assert states == {"旗公安局": True, "旗财政局": None, "旗司法局": None}


def test_marking_units_absent_asks_for_confirmation_with_the_count(world, meeting):
    client = world.client("office")
    url = reverse("meetings:record_attendance", args=[meeting.pk])
    gaj, czj = invitation(meeting, world, "旗公安局"), invitation(meeting, world, "旗财政局")
    data = {f"presence_{gaj.pk}": "absent", f"presence_{czj.pk}": "absent"}
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    warning = re.search(r'data-testid="confirm-absent">(.*?)</div>', html, re.S).group(1)
    assert "2 个单位将记为缺席" in warning and "旗公安局" in warning and "旗财政局" in warning
    assert not Invitation.objects.filter(meeting=meeting, attended__isnull=False).exists()
    confirmed = re.search(r'name="confirmed_absent" value="([\d,]*)"', html).group(1)
    assert client.post(url, {**data, "confirmed_absent": confirmed}).status_code == 302
    assert Invitation.objects.filter(meeting=meeting, attended=False).count() == 2
    rows = {row["unit__name"]: row for row in compliance.attendance(timezone.localdate().year)}
    assert rows["旗公安局"]["absent_without_reason"] == 1 and rows["旗司法局"]["absent_without_reason"] == 0


def test_a_reply_refused_keeps_the_choice_the_name_and_shows_the_error_beside_the_field(world):
    future = services.schedule(by=world.user("office"), type=MeetingType.objects.get(name="全体联席会议"),
                               title="下次会议", starts_at=timezone.now() + datetime.timedelta(days=3),
                               units=[world.unit("旗公安局")])
    response = world.client("gaj").post(reverse("meetings:respond", args=[future.pk]),
                                        {"response": "deputy", "attendee": "李副局长", "reason": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<input type="radio" name="response" value="deputy"[^>]*checked', html)
    assert 'value="李副局长"' in html
    reason_block = html[html.index('for="id_reason"'):html.index('data-testid="reply-form"') + 4000]
    reason_block = reason_block[:reason_block.index("</form>")]
    assert "方案要求主要负责同志参会，请说明理由。" in reason_block
    assert invitation(future, world, "旗公安局").response == "pending"


def test_the_meeting_form_shows_next_week_at_nine(world):
    html = world.client("office").get(reverse("meetings:create")).content.decode()
    expected = (timezone.localdate() + datetime.timedelta(days=7)).isoformat() + "T09:00"
    assert f'value="{expected}"' in html
