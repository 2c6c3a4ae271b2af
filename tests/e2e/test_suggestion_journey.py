"""A procuratorial suggestion in the browser: registered → signed and replied → evaluated → the ledgers agree."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in


def test_suggestion_from_registration_to_evaluation(browser, browser_context_args, live_server, e2e_world, shot):
    court = browser.new_context(**browser_context_args).new_page()
    liaison = browser.new_context(**browser_context_args).new_page()
    office = browser.new_context(**browser_context_args).new_page()
    sign_in(court, live_server, "court")
    sign_in(liaison, live_server, "gaj")
    sign_in(office, live_server, "office")
    served = timezone.localdate() - datetime.timedelta(days=3)

    court.goto(f"{live_server.url}/suggestions/")
    court.get_by_test_id("register").click()
    court.select_option("#id_kind", label="司法建议")
    court.select_option("#id_type", label="综合治理类")
    court.fill("#id_doc_number", "乌法建〔2026〕9号")
    court.select_option("#id_addressee", label="旗公安局")
    court.fill("#id_title", "关于加强交通事故证据固定工作的司法建议")
    court.fill("#id_content", "审理中发现部分案件现场证据固定不及时，建议完善工作规范。")
    court.fill("#id_issued_on", served.isoformat())
    court.fill("#id_served_on", served.isoformat())
    shot("suggestion-1-register", of=court)
    court.get_by_role("button", name="登记并送达").click()
    expect(court.get_by_test_id("suggestion-status")).to_have_text("待回复")
    suggestion_url = court.url

    liaison.goto(f"{live_server.url}/")
    expect(liaison.get_by_test_id("queue-to_sign-count")).to_have_text("1")
    liaison.get_by_test_id("queue-to_sign").get_by_role("link").first.click()
    liaison.get_by_test_id("sign").click()
    liaison.get_by_test_id("reply-suggestion").click()
    liaison.get_by_test_id("reply-form").locator("textarea[name=reply_text]").fill("已收悉，已制定现场勘查证据固定规范。")
    liaison.get_by_test_id("reply-form").locator("textarea[name=measures]").fill("组织全局交警开展专题培训。")
    liaison.get_by_role("button", name="提交回复").click()
    expect(liaison.get_by_test_id("suggestion-status")).to_have_text("已回复待评估")
    shot("suggestion-2-replied", of=liaison)

    court.goto(suggestion_url)
    court.get_by_test_id("evaluate-form").get_by_label("采纳", exact=True).check()
    court.get_by_test_id("evaluate-form").get_by_label("是").check()
    court.get_by_role("button", name="评估并办结").click()
    expect(court.get_by_test_id("suggestion-status")).to_have_text("已评估办结")
    expect(court.get_by_test_id("suggestion-light")).to_contain_text("按期办结")
    shot("suggestion-3-evaluated", of=court)

    office.goto(f"{live_server.url}/suggestions/")
    expect(office.get_by_test_id("suggestions")).to_contain_text("已评估办结")
    office.goto(f"{live_server.url}/tasks/?origin=suggestion")
    expect(office.get_by_test_id("ledger-table")).to_contain_text("按期办结")
    office.goto(f"{live_server.url}/suggestions/stats/")
    issuer_row = office.get_by_test_id("stats-issuer").locator("tr", has_text="旗人民法院")
    expect(issuer_row.locator("td").nth(1)).to_have_text("1")
    expect(issuer_row.locator("td").nth(2)).to_have_text("1")
    expect(issuer_row.locator("td").nth(5)).to_have_text("100%")
    shot("suggestion-4-stats", of=office)
