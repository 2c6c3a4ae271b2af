"""A large ledger export in a real browser: the progress bar fills as the worker writes, then the download."""


import openpyxl
from django.utils import timezone
from playwright.sync_api import expect

from fuyuan.jobs import services as jobs
from fuyuan.jobs.models import ExportJob, ExportStatus
from tests.e2e.conftest import sign_in
from tests.tasks.builders import make_task


def test_the_office_exports_a_large_ledger_in_the_background(browser, browser_context_args, live_server, e2e_world,
                                                             shot, monkeypatch, tmp_path):
    monkeypatch.setattr(jobs, "INLINE_ROWS", 2)  # three rows count as a large export here
    for n in range(3):
        make_task(e2e_world, f"推进行政争议实质性化解{n}", responsible=["旗财政局"])
    page = browser.new_context(**browser_context_args).new_page()
    sign_in(page, live_server, "office")

    page.goto(f"{live_server.url}/tasks/")
    page.get_by_test_id("export").click()
    expect(page.get_by_test_id("job-status")).to_have_attribute("data-status", "done")
    expect(page.get_by_test_id("job-progress")).to_have_attribute("aria-valuenow", "100")
    with page.expect_download() as download:
        page.get_by_test_id("job-download").click()
    path = tmp_path / "ledger.xlsx"
    download.value.save_as(path)
    assert download.value.suggested_filename.startswith("督办台账-")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["督办台账"]
    assert "府院联动工作督办台账（截至" in sheet["A1"].value
    assert [cell.value for cell in sheet[2]][:3] == ["序号", "类别", "督办事项"]
    titles = [row[2] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert sorted(titles) == [f"推进行政争议实质性化解{n}" for n in range(3)]
    assert all(row[5].date() >= timezone.localdate() for row in sheet.iter_rows(min_row=3, values_only=True))
    first = ExportJob.objects.get()

    # A job still running: the bar shows how far it got, the page polls, the download appears when it is done.
    running = ExportJob.objects.create(requested_by=e2e_world.user("office"), kind="ledger", total=4000, done=1000,
                                       status=ExportStatus.RUNNING)
    page.goto(f"{live_server.url}/exports/{running.pk}/")
    expect(page.get_by_test_id("job-progress")).to_have_attribute("aria-valuenow", "25")
    shot("export-running-desktop", of=page)
    phone = browser.new_context(**{**browser_context_args, "viewport": {"width": 390, "height": 844}}).new_page()
    sign_in(phone, live_server, "office")
    phone.goto(f"{live_server.url}/exports/{running.pk}/")
    shot("export-running-390", of=phone)
    ExportJob.objects.filter(pk=running.pk).update(done=3000)
    expect(page.get_by_test_id("job-progress")).to_have_attribute("aria-valuenow", "75")
    ExportJob.objects.filter(pk=running.pk).update(status=ExportStatus.DONE, done=4000, file=first.file.name,
                                                   filename=first.filename, finished_at=timezone.now())
    expect(page.get_by_test_id("job-download")).to_be_visible()
    expect(phone.get_by_test_id("job-download")).to_be_visible()
    shot("export-done-desktop", of=page)
    shot("export-done-390", of=phone)
    phone.goto(f"{live_server.url}/exports/")
    shot("export-list-390", of=phone)
    assert phone.get_by_test_id("jobs").locator("tbody tr").count() == 2
