"""The migrations that give reports, closure requests and replies several files keep every file they had."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("tasks", "0006_attachments_several_per_record"), ("suggestions", "0003_replyrule_working_days")]
PDF = b"%PDF-1.4\n" + "整改报告".encode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db(transaction=True)
def test_single_files_become_attachments_and_back(media, fast_password_hashing):
    from suggestions import services as suggestion_services
    from tasks import services
    from tests.conftest import World
    from tests.tasks.builders import make_task

    world = World()
    gaj = world.user("gaj")
    task = make_task(world, "出庭应诉")
    files = [ContentFile(PDF, name="进展.pdf"), ContentFile(PDF, name="附表.pdf")]
    report = services.report_progress(task=task, by=gaj, text="已部署", attachments=files)
    closure = services.request_closure(task=task, by=gaj, summary="已完成",
                                       attachments=[ContentFile(PDF, name="办结材料.pdf")])
    today = timezone.localdate()
    suggestion = suggestion_services.register(
        by=world.user("procuratorate"), kind="procuratorial", type="correction", doc_number="乌检建〔2026〕50号",
        addressee=world.unit("旗公安局"), title="检察建议", content="内容", issued_on=today, served_on=today)
    suggestion_services.reply(suggestion=suggestion, by=gaj, reply_text="已整改",
                              attachments=[ContentFile(PDF, name="回复函.pdf")])

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)  # back to one file per record: the first of each
    apps = executor.loader.project_state(BEFORE).apps
    OldReport = apps.get_model("tasks", "ProgressReport")
    OldClosure = apps.get_model("tasks", "ClosureRequest")
    OldSuggestion = apps.get_model("suggestions", "Suggestion")
    assert OldReport.objects.get(pk=report.pk).attachment.name.endswith(".pdf")
    assert "办结材料" in OldClosure.objects.get(pk=closure.pk).evidence.name
    assert "回复函" in OldSuggestion.objects.get(pk=suggestion.pk).reply_attachment.name
    # Data as the single-file version wrote it: a report and a closure with one file each, and a reply file
    # that only the suggestion refers to (left from an earlier round).
    old_report = OldReport.objects.get(pk=report.pk)
    old_report.attachment.name = default_storage.save("tasks/2025/01/旧进展.pdf", ContentFile(PDF))
    old_report.save()
    legacy = default_storage.save("suggestions/2025/旧回复函.pdf", ContentFile(PDF + b"old"))
    OldSuggestion.objects.filter(pk=suggestion.pk).update(reply_attachment=legacy)
    old_evidence = OldClosure.objects.get(pk=closure.pk).evidence.name

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    apps = executor.loader.project_state(latest).apps
    Attachment = apps.get_model("tasks", "Attachment")
    moved = Attachment.objects.get(report_id=report.pk)
    assert (moved.file.name, moved.name, moved.size) == (old_report.attachment.name, "旧进展.pdf", len(PDF))
    assert Attachment.objects.get(closure_id=closure.pk, file=old_evidence).size == len(PDF)
    reply_closure = apps.get_model("tasks", "ClosureRequest").objects.filter(task_id=suggestion.task_id).latest("pk")
    reply_files = Attachment.objects.filter(closure_id=reply_closure.pk)
    assert {f.name for f in reply_files} == {"回复函.pdf", "旧回复函.pdf"}
    assert reply_files.get(name="旧回复函.pdf").size == len(PDF) + 3
    assert all(default_storage.exists(f.file.name) for f in Attachment.objects.all())
