"""A leader opens the dashboard, clicks the red segment, and lands on the ledger filtered to the overdue items."""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from tasks.models import Task
from tests.e2e.conftest import sign_in


def test_leader_drills_down_from_the_dashboard(page, live_server, transactional_db, shot):
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    overdue = Task.objects.with_light().filter(light="overdue").count()
    sign_in(page, live_server, "leader")
    page.get_by_role("link", name="领导驾驶舱").click()
    expect(page.locator("[data-figure=overdue]")).to_contain_text(str(overdue))
    expect(page.locator("#chart-categories canvas").first).to_be_attached()  # a locator: no eval under the CSP
    shot("dashboard-1-leader")
    page.locator("[data-testid=categories] a[data-light=overdue]").first.click()
    expect(page).to_have_url(re.compile(r"/tasks/\?.*light=overdue"))
    rows = page.locator("[data-testid=ledger-table] tbody tr")
    expect(rows.first).to_contain_text("逾期")
    shot("dashboard-2-drilled-down")
    page.goto(f"{live_server.url}/dashboard/")
    page.locator("[data-figure=overdue]").click()
    expect(page.locator("[data-testid=ledger-table] tbody tr")).to_have_count(overdue)


def test_office_exports_the_assessment_workbook(page, live_server, e2e_world, shot, tmp_path):
    import openpyxl

    sign_in(page, live_server, "office")
    page.get_by_role("link", name="考核", exact=True).click()
    expect(page.get_by_test_id("assessment")).to_be_visible()
    shot("assessment-1-page")
    with page.expect_download() as download:
        page.get_by_test_id("assessment-export").click()
    path = tmp_path / "考核.xlsx"
    download.value.save_as(path)
    assert openpyxl.load_workbook(path).sheetnames == ["汇总", "扣分明细", "规则", "无考核事项", "督办台账"]
    page.goto(f"{live_server.url}/assessment/bulletin/")
    expect(page.get_by_test_id("bulletin")).to_contain_text("通报")
    shot("assessment-2-bulletin")
