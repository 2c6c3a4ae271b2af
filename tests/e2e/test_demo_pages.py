"""The demo ledger as each role sees it, with screenshots of the pages people use daily."""

from django.core.management import call_command
from playwright.sync_api import expect

from tasks.models import EventKind, Task
from tests.e2e.conftest import sign_in


def test_the_demo_pages(page, live_server, transactional_db, shot):
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    sign_in(page, live_server, "office")
    shot("demo-office-home")
    page.get_by_role("link", name="督办台账").first.click()
    expect(page.get_by_test_id("ledger-total")).to_contain_text(str(Task.objects.count()))
    shot("demo-ledger")
    page.locator("[data-testid=light-counts] a[data-light=overdue]").click()
    overdue = Task.objects.with_light().filter(light="overdue").count()
    expect(page.locator("[data-testid=ledger-table] tbody tr")).to_have_count(overdue)
    returned = Task.objects.get(origin="plan", events__kind=EventKind.RETURNED)
    page.goto(f"{live_server.url}/tasks/{returned.pk}/")
    expect(page.get_by_test_id("timeline")).to_contain_text("退回")
    shot("demo-task-returned")
    long_term = Task.objects.filter(deadline_kind="long_term").order_by("sort_key")[1]
    page.goto(f"{live_server.url}/tasks/{long_term.pk}/")
    shot("demo-task-long-term")
    page.goto(f"{live_server.url}/tasks/queue/")
    shot("demo-queue")

    page.context.clear_cookies()
    sign_in(page, live_server, "gaj")
    shot("demo-liaison-home")
