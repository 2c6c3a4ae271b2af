"""A joint meeting in the browser: scheduled → a liaison replies → attendance, minutes, two decisions → ledger."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in


def test_meeting_from_notice_to_ledger(browser, browser_context_args, live_server, e2e_world, shot):
    office = browser.new_context(**browser_context_args).new_page()
    liaison = browser.new_context(**browser_context_args).new_page()
    sign_in(office, live_server, "office")
    sign_in(liaison, live_server, "gaj")
    starts = timezone.localtime() - datetime.timedelta(hours=1)
    soon = timezone.localdate() + datetime.timedelta(days=5)
    later = timezone.localdate() + datetime.timedelta(days=40)

    office.goto(f"{live_server.url}/meetings/")
    office.get_by_test_id("new-meeting").click()
    office.select_option("#id_type", label="全体联席会议")
    office.fill("#id_title", "府院联动联席会议全体会议")
    office.fill("#id_number", "2")
    office.fill("#id_starts_at", starts.strftime("%Y-%m-%dT%H:%M"))
    office.fill("#id_place", "旗政府三楼第一会议室")
    office.fill("#id_agenda", "一、通报工作\n二、研究议定事项")
    office.get_by_role("button", name="安排并通知").click()
    expect(office.get_by_test_id("meeting-status")).to_have_text("计划")
    meeting_url = office.url
    shot("meeting-1-scheduled", of=office)

    liaison.goto(f"{live_server.url}/meetings/")
    liaison.get_by_role("link", name="府院联动联席会议全体会议（第2次）").click()
    liaison.get_by_test_id("reply-form").get_by_label("委派其他负责同志参会").check()
    liaison.fill("#id_attendee", "李副局长")
    liaison.fill("#id_attendee_title", "副局长")
    liaison.fill("#id_reason", "局长参加全市公安工作会议")
    liaison.get_by_role("button", name="提交回复").click()
    expect(liaison.locator("#messages")).to_contain_text("已回复")
    row = liaison.locator("[data-testid=invitations] tr[data-unit=旗公安局]")
    expect(row).to_contain_text("委派其他负责同志参会")
    shot("meeting-2-liaison-replied", of=liaison)

    office.goto(meeting_url)
    office.get_by_test_id("save-attendance").click()
    expect(office.get_by_test_id("meeting-status")).to_have_text("已召开")
    office.get_by_test_id("minutes-form").locator("textarea").fill("会议听取了工作汇报，研究了两项议定事项。")
    office.get_by_test_id("minutes-form").get_by_role("button", name="保存纪要").click()
    decisions = (("建立行政争议化解联动台账", "旗公安局", soon), ("开展出庭应诉专项督查", "旗司法局", later))
    for text, lead, due in decisions:
        office.locator("summary", has_text="添加议定事项").click()
        form = office.get_by_test_id("decision-form")
        form.locator("textarea").fill(text)
        form.locator("#id_lead_units").select_option(label=lead)
        form.locator("#id_due_date").fill(due.isoformat())
        form.get_by_role("button", name="添加").click()
        expect(office.get_by_test_id("decisions")).to_contain_text(text)
    office.get_by_test_id("confirm-decisions").click()
    expect(office.get_by_test_id("decisions")).to_contain_text("临期")
    expect(office.get_by_test_id("decisions")).to_contain_text("正常")
    shot("meeting-3-decisions-in-ledger", of=office)

    office.goto(f"{live_server.url}/tasks/?origin=meeting")
    expect(office.get_by_test_id("ledger-total")).to_contain_text("2")
    shot("meeting-4-ledger", of=office)
    liaison.goto(f"{live_server.url}/")
    expect(liaison.get_by_test_id("queue-to_sign-count")).to_have_text("1")
