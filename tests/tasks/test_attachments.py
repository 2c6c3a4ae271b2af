"""Several files sent with a report, a closure request or a suggestion's reply are several attachments, each
checked, listed with its name and size, and downloadable by those who may see the item."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from suggestions import services as suggestion_services
from tasks import services
from tasks.models import Attachment, ClosureRequest, ProgressReport
from tasks.services import TransitionRefused
from tests.tasks.builders import make_task

PDF = b"%PDF-1.4\n" + "三起案件均由负责人出庭".encode()
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 2000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 3000


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def uploads():
    return [SimpleUploadedFile("出庭统计.pdf", PDF, "application/pdf"),
            SimpleUploadedFile("现场1.jpg", JPEG, "image/jpeg"),
            SimpleUploadedFile("现场2.png", PNG, "image/png")]


@pytest.fixture
def task(world):
    return make_task(world, "出庭应诉", lead="旗公安局", responsible=["旗财政局"])


def test_several_files_of_a_report_are_several_attachments_listed_and_served(world, task, media):
    client = world.client("gaj")
    response = client.post(reverse("tasks:report", args=[task.pk]), {"text": "已完成", "attachments": uploads()})
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    files = list(report.attachments.all())
    assert [(f.name, f.size) for f in files] == [("出庭统计.pdf", len(PDF)), ("现场1.jpg", len(JPEG)),
                                                 ("现场2.png", len(PNG))]
    assert len(stored_files(media)) == 3
    page = world.client("office").get(reverse("tasks:detail", args=[task.pk])).content.decode()
    for f in files:
        assert f.name in page and reverse("tasks:attachment", args=[task.pk, f.pk]) in page
    assert "2.0\xa0KB" in page and "2.9\xa0KB" in page  # each file's size, as a person reads it
    for f, content in zip(files, (PDF, JPEG, PNG), strict=True):
        download = world.client("office").get(reverse("tasks:attachment", args=[task.pk, f.pk]))
        assert b"".join(download.streaming_content) == content
        assert "filename*=utf-8''" in download["Content-Disposition"].lower()


def test_one_bad_file_refuses_the_whole_report_and_stores_nothing(world, task, media):
    files = [*uploads(), SimpleUploadedFile("木马.jpg", b"MZ" + b"\x00" * 100, "image/jpeg")]
    response = world.client("gaj").post(reverse("tasks:report", args=[task.pk]), {"text": "已完成",
                                                                                 "attachments": files})
    page = response.content.decode()
    assert response.status_code == 200 and "「木马.jpg」：" in page and "内容不是 .jpg 文件" in page
    assert not ProgressReport.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media) == []


def test_files_together_over_the_cap_are_refused(world, task, media, settings):
    settings.UPLOAD_MAX_MB = 1
    half = PDF + b"0" * (600 * 1024)
    files = [SimpleUploadedFile("一.pdf", half), SimpleUploadedFile("二.pdf", half)]
    response = world.client("gaj").post(reverse("tasks:report", args=[task.pk]), {"text": "x", "attachments": files})
    assert response.status_code == 200 and "所选文件合计超过 1 MB" in response.content.decode()
    assert not ProgressReport.objects.exists() and stored_files(media) == []


def test_the_service_checks_each_file_too(world, task, media):
    """A caller that skips the form (a command, an API) meets the same policy in the service."""
    with pytest.raises(TransitionRefused, match="「报告.pdf」"):
        services.report_progress(task=task, by=world.user("gaj"), text="已完成",
                                 attachments=[ContentFile(PDF, name="好.pdf"), ContentFile(b"MZ", name="报告.pdf")])
    assert not ProgressReport.objects.exists() and stored_files(media) == []


def test_a_closure_request_keeps_several_files(world, task):
    response = world.client("gaj").post(reverse("tasks:request_closure", args=[task.pk]),
                                        {"summary": "制度已印发", "attachments": uploads()[:2]})
    assert response.status_code == 302
    closure = ClosureRequest.objects.get(task=task)
    assert [f.name for f in closure.attachments.all()] == ["出庭统计.pdf", "现场1.jpg"]
    page = world.client("office").get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert 'data-testid="closure-evidence"' in page and "现场1.jpg" in page


def test_the_form_takes_several_photos_from_the_camera(world, task):
    page = world.client("gaj").get(reverse("tasks:detail", args=[task.pk])).content.decode()
    field = page[page.index('name="attachments"') - 200:page.index('name="attachments"') + 400]
    assert "multiple" in field and 'accept="image/*,.pdf' in field and "data-total-limit" in field


def test_a_suggestion_reply_lists_each_file(world, media):
    today = timezone.localdate()
    suggestion = suggestion_services.register(
        by=world.user("procuratorate"), kind="procuratorial", type="correction", doc_number="乌检建〔2026〕31号",
        addressee=world.unit("旗公安局"), title="测试", content="内容", issued_on=today, served_on=today)
    response = world.client("gaj").post(reverse("suggestions:reply", args=[suggestion.pk]),
                                        {"reply_text": "已整改", "attachments": uploads()[1:]})
    assert response.status_code == 302
    files = list(Attachment.objects.filter(closure__task=suggestion.task_id))
    assert [f.name for f in files] == ["现场1.jpg", "现场2.png"]
    page = world.client("procuratorate").get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()
    for f in files:
        assert f.name in page and reverse("suggestions:reply_attachment", args=[suggestion.pk, f.pk]) in page


def test_a_bad_file_refuses_the_suggestion_reply(world, media):
    today = timezone.localdate()
    suggestion = suggestion_services.register(
        by=world.user("procuratorate"), kind="procuratorial", type="correction", doc_number="乌检建〔2026〕32号",
        addressee=world.unit("旗公安局"), title="测试", content="内容", issued_on=today, served_on=today)
    files = [SimpleUploadedFile("回复函.pdf", PDF), SimpleUploadedFile("脚本.exe", b"MZ\x00")]
    response = world.client("gaj").post(reverse("suggestions:reply", args=[suggestion.pk]),
                                        {"reply_text": "已整改", "attachments": files})
    assert response.status_code == 200 and "「脚本.exe」：不能上传此类文件" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == "awaiting_reply" and stored_files(media) == []


# Who may download a report's file: role × whose item → status.
DOWNLOADS = [("office", 200), ("leader", 200), ("gaj", 200), ("czj", 200), ("court", 404), ("sysadmin", 403),
             ("auditor", 403)]


@pytest.mark.parametrize("username, expected", DOWNLOADS)
def test_who_may_download_a_reports_file(world, task, username, expected):
    report = services.report_progress(task=task, by=world.user("gaj"), text="已完成",
                                      attachments=[ContentFile(PDF, name="出庭统计.pdf")])
    url = reverse("tasks:attachment", args=[task.pk, report.attachments.get().pk])
    assert world.client(username).get(url).status_code == expected


def test_a_file_is_served_only_under_its_own_item(world, task):
    """公安局 may see both items; a file of one asked for through the other is not found."""
    other = make_task(world, "另一事项", lead="旗公安局")
    report = services.report_progress(task=other, by=world.user("gaj"), text="已完成",
                                      attachments=[ContentFile(PDF, name="另一.pdf")])
    file_pk = report.attachments.get().pk
    client = world.client("gaj")
    assert client.get(reverse("tasks:attachment", args=[other.pk, file_pk])).status_code == 200
    assert client.get(reverse("tasks:attachment", args=[task.pk, file_pk])).status_code == 404
