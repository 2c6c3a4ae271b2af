"""A large ledger export runs as a background job: a progress page, then a download for the one who asked."""

import datetime
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from fuyuan.jobs import services as jobs
from fuyuan.jobs.models import ExportJob, ExportStatus
from tests.tasks.builders import make_task


@pytest.fixture
def items(world, monkeypatch):
    """Four items: three of 公安局, one of 财政局; anything over two rows goes to the background."""
    monkeypatch.setattr(jobs, "INLINE_ROWS", 2)
    for n in range(3):
        make_task(world, f"公安局事项{n}")
    make_task(world, "财政局独有事项", lead="旗财政局")


def ask(client, query=""):
    return client.get(reverse("tasks:export") + query)


def workbook_titles(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return {row[2] for row in sheet.iter_rows(min_row=3, values_only=True)}


def test_a_small_export_is_written_at_once(world, monkeypatch):
    make_task(world, "唯一事项")
    response = ask(world.client("office"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not ExportJob.objects.exists()


def test_a_large_export_shows_progress_then_a_download(world, items, django_capture_on_commit_callbacks):
    client = world.client("office")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "?q=事项")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in page and 'aria-valuenow="100"' in page
    assert "已完成" in page and "已写入 4 / 4 行" in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert "%E7%9D%A3%E5%8A%9E%E5%8F%B0%E8%B4%A6" in download["Content-Disposition"]  # 督办台账
    titles = workbook_titles(b"".join(download.streaming_content))
    assert {"公安局事项0", "公安局事项1", "公安局事项2", "财政局独有事项"} <= titles
    events = [entry.additional_data["event"] for entry in LogEntry.objects.filter(object_pk=str(job.pk),
                                                                                  content_type__model="exportjob")]
    assert sorted(events) == ["export_downloaded", "export_requested"]


def test_while_running_the_page_polls_and_shows_the_bar(world, items):
    job = ExportJob.objects.create(requested_by=world.user("office"), kind="ledger", total=4000, done=1000,
                                   status=ExportStatus.RUNNING)
    client = world.client("office")
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'aria-valuenow="25"' in page and "正在导出" in page
    assert "job-download" not in page
    partial = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="job-status"') and "<html" not in partial


def test_another_account_cannot_see_or_download_it(world, items, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(world.client("office"))
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.DONE
    for username in ("leader", "gaj"):
        other = world.client(username)
        assert other.get(reverse("jobs:download", args=[job.pk])).status_code == 404
        assert other.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
        assert reverse("jobs:detail", args=[job.pk]) not in other.get(reverse("jobs:list")).content.decode()


def test_a_liaisons_job_holds_only_their_units_rows(world, items, django_capture_on_commit_callbacks):
    client = world.client("gaj")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client)
    assert response.status_code == 302
    job = ExportJob.objects.get(requested_by=world.user("gaj"))
    assert job.total == 3
    titles = workbook_titles(b"".join(client.get(reverse("jobs:download", args=[job.pk])).streaming_content))
    assert "财政局独有事项" not in titles
    assert {"公安局事项0", "公安局事项1", "公安局事项2"} <= titles


def test_a_failed_job_shows_a_chinese_error(world, items, monkeypatch, django_capture_on_commit_callbacks):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("tasks.exports.write_ledger_export", broken)
    client = world.client("office")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client)
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "导出失败，请重试" in page and "disk full" not in page
    assert 'hx-trigger' not in page
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_old_files_expire(world, items, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(world.client("office"))
    job = ExportJob.objects.get()
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    assert jobs.expire_exports(timezone.now()) == 0
    assert jobs.expire_exports(timezone.now() + datetime.timedelta(days=jobs.KEEP_DAYS + 1)) == 1
    assert not storage.exists(name)
    job.refresh_from_db()
    assert job.status == ExportStatus.EXPIRED
    page = world.client("office").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "已过期" in page
