"""Confirm an import, go Back to the review page and press 确认导入 again: refused, nothing written twice."""

from playwright.sync_api import expect

from tasks.models import Plan, Task
from tests.e2e.conftest import sign_in
from tests.e2e.test_plan_import_journey import JIAOZUO


def test_back_and_confirm_again_imports_nothing_more(page, live_server, e2e_world, shot):
    sign_in(page, live_server, "office")
    page.goto(f"{live_server.url}/tasks/plans/import/")
    page.fill("textarea[name=text]", JIAOZUO)
    page.get_by_role("button", name="预览").click()
    page.check("#create_units")
    review_html = page.content()
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("ledger-total")).to_contain_text("31")

    # Fuyuan's pages are no-store, so Chromium's Back asks to send the form again; a browser that keeps the page
    # anyway (or a second tab left on it) shows the review page as it was, its button live: serve it so.
    def stale_review(route):
        if route.request.method == "GET":
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=review_html)
        else:
            route.continue_()

    page.route("**/tasks/plans/import/", stale_review)
    page.goto(f"{live_server.url}/tasks/plans/import/")
    expect(page.get_by_test_id("confirm-import")).to_be_visible()
    page.get_by_test_id("confirm-import").click()
    expect(page.locator("#messages")).to_contain_text("未重复导入")
    shot("import-twice-refused")
    assert Plan.objects.count() == 1 and Task.objects.count() == 31
