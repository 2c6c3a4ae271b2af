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
    page.wait_for_function("document.querySelector('#chart-categories canvas') !== null")
    shot("dashboard-1-leader")
    page.locator("[data-testid=categories] a[data-light=overdue]").first.click()
    expect(page).to_have_url(re.compile(r"/tasks/\?.*light=overdue"))
    rows = page.locator("[data-testid=ledger-table] tbody tr")
    expect(rows.first).to_contain_text("逾期")
    shot("dashboard-2-drilled-down")
    page.goto(f"{live_server.url}/dashboard/")
    page.locator("[data-figure=overdue]").click()
    expect(page.locator("[data-testid=ledger-table] tbody tr")).to_have_count(overdue)
