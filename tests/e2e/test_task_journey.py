"""The supervision journey in a real browser: 交办 → 签收 → 报送 → 申请办结 → 退回 → 再申请 → 办结."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in


def queue_count(page, name):
    return int(page.get_by_test_id(f"queue-{name}-count").inner_text())


def test_office_and_liaison_take_an_item_from_assignment_to_closure(browser, browser_context_args, live_server,
                                                                    e2e_world, shot):
    office = browser.new_context(**browser_context_args).new_page()
    liaison = browser.new_context(**browser_context_args).new_page()
    sign_in(office, live_server, "office")
    sign_in(liaison, live_server, "gaj")
    due = timezone.localdate() + datetime.timedelta(days=5)

    # The office drafts an ad hoc item due in five days, then assigns it from its page.
    office.goto(f"{live_server.url}/tasks/new/")
    office.fill("#id_title", "开展行政机关负责人出庭应诉专项检查")
    office.select_option("#id_lead_units", label="旗公安局")
    office.select_option("#id_responsible_units", label="旗财政局")
    office.fill("#id_due_date", due.isoformat())
    office.uncheck("#id_assign_now")
    office.get_by_role("button", name="保存").click()
    expect(office.get_by_test_id("task-status")).to_have_text("待交办")
    task_url = office.url
    office.get_by_test_id("assign").click()
    expect(office.get_by_test_id("task-status")).to_have_text("已交办")
    expect(office.get_by_test_id("task-light")).to_contain_text("临期")
    shot("journey-1-office-assigned", of=office)

    # The liaison finds it on the home page under 待签收 and 临期, signs, reports.
    liaison.goto(f"{live_server.url}/")
    assert queue_count(liaison, "to_sign") == 1 and queue_count(liaison, "due_soon") == 1
    expect(liaison.get_by_test_id("unread-count")).to_have_text("1")
    shot("journey-2-liaison-home", of=liaison)
    liaison.get_by_test_id("queue-to_sign").get_by_role("link", name=re.compile("专项检查")).click()
    liaison.get_by_test_id("sign").click()
    expect(liaison.get_by_test_id("task-status")).to_have_text("办理中")
    liaison.get_by_test_id("report-form").locator("textarea").fill("已对12家单位开展检查，出庭率100%。")
    liaison.get_by_test_id("report-form").get_by_role("button", name="报送").click()
    expect(liaison.get_by_test_id("task-reports")).to_contain_text("已对12家单位开展检查")
    liaison.locator("summary", has_text="申请办结").click()
    liaison.get_by_test_id("closure-form").locator("textarea").fill("专项检查完成，通报已印发。")
    liaison.get_by_test_id("closure-form").get_by_role("button", name="申请办结").click()
    expect(liaison.get_by_test_id("task-status")).to_have_text("申请办结")
    expect(liaison.get_by_test_id("task-light")).to_contain_text("正常")  # the clock stopped before the deadline
    shot("journey-3-liaison-closure-requested", of=liaison)

    # The office sees the request in its queue and sends it back with a reason.
    office.goto(f"{live_server.url}/")
    expect(office.get_by_test_id("closure-count")).to_have_text("1")
    shot("journey-4-office-home-queue", of=office)
    office.goto(task_url)
    office.get_by_test_id("pending-closure").locator("textarea[name=reason]").fill("请附通报文件")
    office.get_by_test_id("send-back").click()
    expect(office.get_by_test_id("task-status")).to_have_text("办理中")
    expect(office.locator("#messages")).to_contain_text("已退回")

    # The liaison sees 被退回, asks again with the document.
    liaison.goto(f"{live_server.url}/")
    assert queue_count(liaison, "returned") == 1
    shot("journey-5-liaison-home-returned", of=liaison)
    liaison.goto(task_url)
    expect(liaison.get_by_test_id("timeline")).to_contain_text("请附通报文件")
    liaison.locator("summary", has_text="申请办结").click()
    liaison.get_by_test_id("closure-form").locator("textarea").fill("已附通报文件。")
    liaison.get_by_test_id("closure-form").get_by_role("button", name="申请办结").click()
    expect(liaison.get_by_test_id("task-status")).to_have_text("申请办结")

    # The office closes it: closed on time; the liaison's lists are empty again.
    office.goto(task_url)
    office.get_by_test_id("close").click()
    expect(office.get_by_test_id("task-status")).to_have_text("已办结")
    expect(office.get_by_test_id("task-light")).to_contain_text("按期办结")
    shot("journey-6-office-closed", of=office)
    liaison.goto(f"{live_server.url}/")
    assert queue_count(liaison, "returned") == 0 and queue_count(liaison, "due_soon") == 0
    office.goto(f"{live_server.url}/tasks/")
    expect(office.get_by_test_id("ledger-table")).to_contain_text("开展行政机关负责人出庭应诉专项检查")
    shot("journey-7-ledger", of=office)
