"""Cases in the browser: the court registers a case with a hearing, the defendant unit reports its head (出庭人员报备),
and the office's indicator page draws the trends; every step is a screenshot."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from cases.demo import load_cases
from cases.models import Case
from tests.e2e.conftest import sign_in


def new_page(browser, browser_context_args):
    return browser.new_context(**browser_context_args).new_page()


def test_register_report_and_read_the_indicators(browser, browser_context_args, live_server, e2e_world, shot):
    today = timezone.localdate()
    load_cases(e2e_world.units, e2e_world.accounts, today)
    court, liaison, office = (new_page(browser, browser_context_args) for _ in range(3))
    sign_in(court, live_server, "court")
    sign_in(liaison, live_server, "gaj")
    sign_in(office, live_server, "office")

    court.goto(f"{live_server.url}/cases/new/")
    court.fill("#id_number", "（2026）蒙0626行初88号")
    court.select_option("#id_instance", "first")
    court.fill("#id_cause", "行政处罚")
    court.select_option("#id_defendant", label="旗公安局")
    court.fill("#id_filed_on", (today - datetime.timedelta(days=20)).isoformat())
    court.fill("#id_hearings", (today + datetime.timedelta(days=3)).isoformat())
    shot("cases-register", of=court)
    court.click("form[data-testid=case-form] button[type=submit]")
    expect(court.get_by_test_id("case-number")).to_have_text("（2026）蒙0626行初88号")
    made = Case.objects.get(number="（2026）蒙0626行初88号")

    liaison.goto(f"{live_server.url}/cases/{made.pk}/")
    card = liaison.locator(f"[data-hearing='{made.hearings.get().pk}']")
    expect(card).to_have_attribute("data-light", "due_soon")
    card.locator("select").select_option("principal")
    card.locator("input[name$=head_name]").fill("王建国")
    card.locator("input[name$=head_post]").fill("局长")
    card.locator("button[type=submit]").click()
    expect(liaison.locator(f"[data-hearing='{made.hearings.get().pk}']")).to_have_attribute("data-light",
                                                                                           "closed_on_time")
    shot("cases-attendance-reported", of=liaison)

    office.goto(f"{live_server.url}/indicators/")
    expect(office.locator("#chart-ind-0 canvas")).to_be_visible()
    shot("indicators-office", of=office)
    office.goto(f"{live_server.url}/cases/hearings/")
    shot("cases-hearings", of=office)
    office.goto(f"{live_server.url}/cases/bulletin/")
    shot("cases-bulletin", of=office)
    office.goto(f"{live_server.url}/dashboard/")
    expect(office.get_by_test_id("indicators-off-target")).to_be_visible()
    shot("dashboard-indicators", of=office)
