"""Paste the Jiaozuo plan, map an unmatched unit, confirm, and find its 31 items in the ledger."""

from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

JIAOZUO = (Path(__file__).resolve().parents[1] / "fixtures" / "plans" / "jiaozuo-2020-fuyuan-plan.txt").read_text(
    encoding="utf-8")


def test_office_imports_a_pasted_plan(page, live_server, e2e_world, shot):
    sign_in(page, live_server, "office")
    page.goto(f"{live_server.url}/tasks/")
    page.get_by_role("link", name="导入实施方案").click()
    page.fill("textarea[name=text]", JIAOZUO)
    shot("import-1-paste")
    page.get_by_role("button", name="预览").click()
    expect(page.get_by_test_id("plan-counts")).to_contain_text("31")
    expect(page.get_by_test_id("unmatched-units")).to_be_visible()
    page.select_option("select[data-printed='市中院']", label="旗人民法院")
    page.check("#create_units")
    page.check("#assign")
    shot("import-2-review")
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("ledger-total")).to_contain_text("31")
    expect(page.locator("#messages")).to_contain_text("31")
    shot("import-3-ledger")
