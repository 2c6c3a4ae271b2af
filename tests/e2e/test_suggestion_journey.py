"""A judicial suggestion in the browser: registered → signed and replied → evaluated → the ledgers and statistics agree.

Assertions read data attributes (status, light, measures), not UI text, so they hold whatever the catalogue says.
"""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from suggestions.models import Suggestion
from suggestions.rules import reply_due_date
from tests.e2e.conftest import sign_in


def new_page(browser, browser_context_args):
    return browser.new_context(**browser_context_args).new_page()


def test_suggestion_from_registration_to_evaluation(browser, browser_context_args, live_server, e2e_world, shot):
    court = new_page(browser, browser_context_args)
    liaison = new_page(browser, browser_context_args)
    office = new_page(browser, browser_context_args)
    sign_in(court, live_server, "court")
    sign_in(liaison, live_server, "gaj")
    sign_in(office, live_server, "office")
    served = timezone.localdate() - datetime.timedelta(days=3)

    # The court registers a 综合治理类 司法建议 to 旗公安局; the rule (two months) sets the deadline.
    court.goto(f"{live_server.url}/suggestions/")
    court.get_by_test_id("register").click()
    court.select_option("#id_kind", "judicial")
    court.select_option("#id_type", "comprehensive")
    court.fill("#id_doc_number", "乌法建〔2026〕9号")
    court.select_option("#id_addressee", label="旗公安局")
    court.fill("#id_case_number", "（2026）蒙0626行初15号")
    court.fill("#id_title", "关于加强交通事故证据固定工作的司法建议")
    court.fill("#id_content", "审理中发现部分案件现场证据固定不及时，建议完善工作规范。")
    court.fill("#id_issued_on", served.isoformat())
    court.fill("#id_served_on", served.isoformat())
    expect(court.get_by_test_id("reply-rules")).to_contain_text("法释〔2023〕11号")
    # The panel recomputes the deadline (htmx) from the rule that applies: two months from service.
    due = reply_due_date(served, 2, 0)
    expect(court.get_by_test_id("deadline-preview")).to_have_attribute("data-due", due.isoformat())
    expect(court.get_by_test_id("deadline-preview")).to_contain_text("法释〔2023〕11号")
    shot("suggestion-1-register", of=court)
    court.get_by_test_id("submit-register").click()
    expect(court.get_by_test_id("suggestion-status")).to_have_attribute("data-status", "awaiting_reply")
    suggestion = Suggestion.objects.get(doc_number="乌法建〔2026〕9号")
    assert suggestion.reply_due_on == reply_due_date(served, 2, 0)
    suggestion_url = court.url

    # 旗公安局's liaison finds the reply item to sign on the home page, signs it and replies.
    liaison.goto(f"{live_server.url}/")
    expect(liaison.get_by_test_id("queue-to_sign-count")).to_have_text("1")
    liaison.get_by_test_id("queue-to_sign").get_by_role("link").first.click()
    liaison.get_by_test_id("sign").click()
    # 签收 is an htmx POST: wait for it to land before navigating, or two requests race on the live server's
    # shared in-memory SQLite ("database table is locked").
    expect(liaison.get_by_test_id("sign")).to_have_count(0)
    liaison.wait_for_load_state("networkidle")
    liaison.get_by_test_id("reply-suggestion").click()
    form = liaison.get_by_test_id("reply-form")
    form.locator("textarea[name=reply_text]").fill("已收悉，已制定现场勘查证据固定规范。")
    form.locator("textarea[name=measures]").fill("组织全局交警开展专题培训。")
    form.locator("textarea[name=rectification]").fill("已整改完毕。")
    liaison.get_by_test_id("submit-reply").click()
    expect(liaison.get_by_test_id("suggestion-status")).to_have_attribute("data-status", "replied")
    expect(liaison.get_by_test_id("reply")).to_contain_text("已收悉")
    shot("suggestion-2-replied", of=liaison)

    # The court evaluates: 采纳, 整改到位. The reply item closes on time.
    court.goto(suggestion_url)
    court.get_by_test_id("evaluate-form").locator("input[name=adoption][value=adopted]").check()
    court.get_by_test_id("evaluate-form").locator("input[name=rectified][value='1']").check()
    court.get_by_test_id("evaluate-form").locator("textarea[name=comment]").fill("整改措施落实到位。")
    court.get_by_test_id("submit-evaluation").click()
    expect(court.get_by_test_id("suggestion-status")).to_have_attribute("data-status", "closed")
    expect(court.get_by_test_id("evaluation")).to_have_attribute("data-adoption", "adopted")
    expect(court.get_by_test_id("evaluation")).to_have_attribute("data-rectified", "true")
    expect(court.get_by_test_id("suggestion-light").locator("[data-light]")).to_have_attribute(
        "data-light", "closed_on_time")
    shot("suggestion-3-evaluated", of=court)

    # The office (备案) sees the same: the suggestion ledger, the task ledger and the statistics agree.
    suggestion.refresh_from_db()
    office.goto(f"{live_server.url}/suggestions/")
    row = office.locator(f"tr[data-suggestion='{suggestion.pk}']")
    expect(row).to_have_attribute("data-status", "closed")
    expect(row.locator("[data-light]")).to_have_attribute("data-light", "closed_on_time")
    shot("suggestion-4-ledger", of=office)
    office.goto(f"{live_server.url}/tasks/?origin=suggestion")
    task_row = office.locator(f"tr[data-task='{suggestion.task_id}']")
    expect(task_row.locator("[data-light]")).to_have_attribute("data-light", "closed_on_time")
    expect(office.get_by_test_id("ledger-table").locator("tbody tr[data-task]")).to_have_count(1)
    shot("suggestion-5-task-ledger", of=office)
    office.goto(f"{live_server.url}/suggestions/stats/")
    issuer_row = office.get_by_test_id("stats-issuer").locator("tr[data-unit='旗人民法院']")
    for measure, value in (("issued", "1"), ("on_time", "1"), ("late", "0"), ("overdue", "0"),
                           ("adoption_rate", "100%"), ("rectified", "1")):
        expect(issuer_row.locator(f"[data-measure={measure}]")).to_have_text(value)
    addressee_row = office.get_by_test_id("stats-addressee").locator("tr[data-unit='旗公安局']")
    expect(addressee_row.locator("[data-measure=on_time]")).to_have_text("1")
    shot("suggestion-6-stats", of=office)
