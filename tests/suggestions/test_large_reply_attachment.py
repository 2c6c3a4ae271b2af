"""A reply with attachments over 2.5 MB (temporary uploads) is stored once; a rolled-back reply leaves no file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from suggestions import services
from suggestions.models import Suggestion
from tasks.models import Attachment, ClosureRequest

BIG = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)  # above FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def suggestion(world):
    today = timezone.localdate()
    return services.register(by=world.user("procuratorate"), kind="procuratorial", type="correction",
                             doc_number="乌检建〔2026〕30号", addressee=world.unit("旗公安局"), title="测试",
                             content="内容", issued_on=today, served_on=today)


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_a_reply_with_a_large_attachment_is_saved_once_and_served(world, media, suggestion):
    client = world.client("gaj")
    response = client.post(reverse("suggestions:reply", args=[suggestion.pk]), {
        "reply_text": "已完成整改", "attachments": [SimpleUploadedFile("整改报告.pdf", BIG, "application/pdf"),
                                                     SimpleUploadedFile("附表.pdf", BIG + b"1", "application/pdf")]})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get(pk=suggestion.pk)
    closure = ClosureRequest.objects.get(task=suggestion.task)
    files = list(closure.attachments.all())
    assert suggestion.status == "replied" and [f.name for f in files] == ["整改报告.pdf", "附表.pdf"]
    assert len(stored_files(media)) == 2
    for file, content in zip(files, (BIG, BIG + b"1"), strict=True):
        download = client.get(reverse("suggestions:reply_attachment", args=[suggestion.pk, file.pk]))
        assert download.status_code == 200 and b"".join(download.streaming_content) == content


def test_a_reply_that_rolls_back_leaves_no_file(world, media, suggestion, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(services, "_audit", fail)
    with pytest.raises(RuntimeError):
        services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已完成整改",
                       attachments=[SimpleUploadedFile("整改报告.pdf", BIG, "application/pdf"),
                                    SimpleUploadedFile("照片.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100, "image/jpeg")])
    assert stored_files(media) == []
    assert not ClosureRequest.objects.filter(task=suggestion.task).exists()
    assert not Attachment.objects.exists()
