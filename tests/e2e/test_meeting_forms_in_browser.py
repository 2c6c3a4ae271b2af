"""In the browser: a refused reply keeps its choice and name, the form shows next week 09:00, 会议纪要 opens."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from meetings import services
from meetings.models import MeetingType
from tests.e2e.conftest import sign_in


def test_meeting_forms_keep_input_and_the_minutes_open(browser, browser_context_args, live_server, e2e_world, shot):
    office, plenary = e2e_world.user("office"), MeetingType.objects.get(name="全体联席会议")
    coming = services.schedule(by=office, type=plenary, title="下次全体会议", units=[e2e_world.unit("旗公安局")],
                               starts_at=timezone.now() + datetime.timedelta(days=3))
    held = services.schedule(by=office, type=plenary, title="上次全体会议", units=[e2e_world.unit("旗公安局")],
                             starts_at=timezone.now() - datetime.timedelta(days=3))
    services.record_minutes(meeting=held, by=office, minutes="会议研究了三项议题。")

    liaison = browser.new_context(**browser_context_args).new_page()
    sign_in(liaison, live_server, "gaj")
    liaison.goto(f"{live_server.url}/meetings/{coming.pk}/")
    form = liaison.get_by_test_id("reply-form")
    form.get_by_label("委派其他负责同志参会").check()
    liaison.fill("#id_attendee", "李副局长")
    form.get_by_role("button", name="提交回复").click()
    form = liaison.get_by_test_id("reply-form")
    expect(form.get_by_label("委派其他负责同志参会")).to_be_checked()
    expect(liaison.locator("#id_attendee")).to_have_value("李副局长")
    expect(form.locator("#id_reason ~ .errorlist, #id_reason + ul")).to_contain_text("请说明理由")
    form.get_by_label("请假", exact=True).check()
    form.get_by_role("button", name="提交回复").click()
    expect(liaison.get_by_test_id("reply-form").get_by_label("请假", exact=True)).to_be_checked()
    shot("meeting-reply-kept", of=liaison)

    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, live_server, "office")
    page.goto(f"{live_server.url}/meetings/new/")
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    expect(page.locator("#id_starts_at")).to_have_value(f"{next_week.isoformat()}T09:00")
    page.goto(f"{live_server.url}/meetings/{held.pk}/")
    row = page.locator("[data-testid=invitations] tr[data-unit=旗公安局]")
    expect(row.get_by_test_id("presence")).to_have_value("")  # no reply: not recorded, not absent
    row.get_by_test_id("presence").select_option("absent")
    page.get_by_test_id("save-attendance").click()
    expect(page.get_by_test_id("confirm-absent")).to_contain_text("1 个单位将记为缺席：旗公安局")
    shot("meeting-attendance-confirm", of=page)
    page.get_by_test_id("save-attendance").click()
    expect(page.locator("#messages")).to_contain_text("出席情况已登记")
    page.get_by_role("link", name="会议纪要", exact=True).click()
    expect(page.locator("body")).to_contain_text("会议研究了三项议题。")
    shot("meeting-minutes-page", of=page)
