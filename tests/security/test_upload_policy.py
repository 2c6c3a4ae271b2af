"""One upload policy: an allow-list by name and content and one size cap, on every form that takes a file."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fuyuan.lib.upload_policy import UploadRefused, check_upload

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 32


def zipped(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data"), [
    ("说明.pdf", PDF), ("照片.png", PNG), ("照片.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20), ("函.doc", OLE),
    ("表.xls", OLE), ("函.wps", OLE), ("表.et", OLE), ("函.docx", zipped("word/document.xml")),
    ("表.xlsx", zipped("xl/workbook.xml")), ("函.ofd", zipped("OFD.xml")), ("材料.zip", zipped("a.txt")),
])
def test_office_documents_and_images_are_accepted(name, data):
    check_upload(SimpleUploadedFile(name, data))


@pytest.mark.parametrize(("name", "data"), [
    ("脚本.py", b"import os\n"), ("页面.html", b"<script>alert(1)</script>"),
    ("图.svg", b"<svg onload=alert(1)>"), ("程序.exe", b"MZ" + b"\x00" * 40),
    ("程序.pdf", b"MZ" + b"\x00" * 40),  # an executable renamed .pdf
    ("程序.pdf", ELF), ("页面.pdf", b"<html><script>alert(1)</script>"), ("假.docx", zipped("a.txt")),
    ("假.png", PDF), ("无扩展名", PDF), ("说明.txt", b"plain text"),
])
def test_other_types_and_renamed_files_are_refused(name, data):
    with pytest.raises(UploadRefused):
        check_upload(SimpleUploadedFile(name, data))


def test_one_size_cap_from_the_settings(settings):
    settings.UPLOAD_MAX_MB = 1
    check_upload(SimpleUploadedFile("大.pdf", PDF + b"0" * (2**20 - len(PDF))))
    with pytest.raises(UploadRefused, match="1 MB"):
        check_upload(SimpleUploadedFile("大.pdf", PDF + b"0" * 2**20))


def test_the_report_form_refuses_a_renamed_executable_and_an_oversized_file(world, settings):
    from django.urls import reverse

    from tasks.models import ProgressReport
    from tests.tasks.builders import make_task

    settings.UPLOAD_MAX_MB = 1
    task = make_task(world, "出庭应诉", lead="旗公安局")
    client = world.client("gaj")
    client.post(reverse("tasks:sign", args=[task.pk]))
    url = reverse("tasks:report", args=[task.pk])
    for upload in (SimpleUploadedFile("木马.pdf", b"MZ" + b"\x00" * 100),
                   SimpleUploadedFile("大.pdf", PDF + b"0" * (2 * 2**20))):
        response = client.post(url, {"text": "报送", "attachments": upload})
        assert "不能上传" in response.content.decode() or "内容不是" in response.content.decode() \
            or "超过 1 MB" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_forms_with_files_use_the_policy():
    from fuyuan.lib.attachment_fields import AttachmentsField
    from fuyuan.lib.upload_policy import validate_attachment
    from meetings.forms import MinutesForm
    from suggestions.forms import RegisterForm, ReplyForm
    from tasks.forms import ClosureForm, ReportForm

    for form, field in ((MinutesForm, "minutes_file"), (RegisterForm, "attachment")):
        assert validate_attachment in form.base_fields[field].validators
    # Several files per field: each checked by check_upload in AttachmentsField.clean (tests/tasks/test_attachments.py).
    for form in (ReplyForm, ReportForm, ClosureForm):
        assert isinstance(form.base_fields["attachments"], AttachmentsField)


def test_a_request_far_over_the_cap_is_refused_before_it_is_read(world, settings):
    """The probe sent 60 MB to the suggestion and minutes forms; now the request stops at the door."""
    from django.urls import reverse

    from tests.tasks.builders import make_task

    settings.UPLOAD_MAX_MB = 1
    task = make_task(world, "出庭应诉", lead="旗公安局")
    upload = SimpleUploadedFile("大.pdf", PDF + b"0" * (3 * 2**20))
    response = world.client("gaj").post(reverse("tasks:report", args=[task.pk]), {"text": "x", "attachments": upload})
    assert response.status_code == 413
    assert "超过 1 MB" in response.content.decode()
