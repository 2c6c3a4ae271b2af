"""Importing a plan: the review page writes nothing until confirmed, then everything at once; the CLI likewise."""

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from fuyuan.units.models import MemberUnit
from tasks.models import Plan, Task, TaskUnit, UnitRole

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
WUSHEN = (PLANS / "wushen-2023-fuyuan-plan.txt").read_text(encoding="utf-8")
JIAOZUO = (PLANS / "jiaozuo-2020-fuyuan-plan.txt").read_text(encoding="utf-8")
URL = reverse("tasks:plan_import")


def preview(client, **data):
    return client.post(URL, data)


def confirm(client, data):
    """Press 确认导入 on a freshly previewed review page (which carries its one-time token)."""
    token = client.post(URL, {"source": data["source"]}).context["review_token"]
    return client.post(URL, {**data, "confirm": "1", "review_token": token})


def test_preview_writes_nothing_and_lists_every_task(world):
    response = preview(world.client("office"), text=WUSHEN)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-row="') == 24
    assert Plan.objects.count() == 0 and Task.objects.count() == 0


def test_confirm_writes_the_wushen_plan_with_its_printed_units(world):
    client = world.client("office")
    response = confirm(client, {"source": WUSHEN, "create_units": "1"})
    plan = Plan.objects.get()
    assert response.status_code == 302 and f"plan={plan.pk}" in response["Location"]
    assert plan.tasks.count() == 24 and plan.categories.count() == 6
    assert plan.source_text.strip() == WUSHEN.strip()
    first = plan.tasks.order_by("sort_key").first()
    assert first.lead_text and first.assignments.filter(role=UnitRole.LEAD).exists()


def test_unmatched_units_must_be_mapped_and_the_mapping_is_remembered(world):
    client = world.client("office")
    response = preview(client, text=JIAOZUO)
    unmatched = response.context["unmatched"]
    assert unmatched, "Jiaozuo's city units are not Wushen member units"
    refused = confirm(client, {"source": JIAOZUO})
    assert refused.status_code == 200 and Plan.objects.count() == 0
    target = world.unit("旗司法局")
    data = {"source": JIAOZUO, "create_units": "1", "map_name_0": unmatched[0], "map_0": target.pk}
    confirm(client, data)
    plan = Plan.objects.get()
    assert plan.tasks.count() == 31
    target.refresh_from_db()
    assert unmatched[0] in target.aliases


def test_inline_edits_and_skips_are_applied(world):
    client = world.client("office")
    confirm(client, {"source": WUSHEN, "create_units": "1", "title_0": "改过的标题",
                      "due_date_1": "2027-03-31", "skip_2": "1"})
    tasks = list(Plan.objects.get().tasks.order_by("sort_key"))
    assert len(tasks) == 23
    assert tasks[0].title == "改过的标题"
    assert str(tasks[1].due_date) == "2027-03-31"


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("空.txt", b""), "empty"),
    (SimpleUploadedFile("垃圾.txt", bytes(range(256)) * 10), "not text"),
    (SimpleUploadedFile("表.xlsx", b"PK\x03\x04"), "docx"),
    (SimpleUploadedFile("坏.docx", b"not a zip"), "cannot be read"),
])
def test_bad_input_is_refused_with_a_message_and_writes_nothing(world, upload, message):
    response = world.client("office").post(URL, {"upload": upload})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Plan.objects.count() == 0


def test_a_docx_plan_previews_like_its_text(world):
    document = docx.Document()
    for line in WUSHEN.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("乌审旗方案.docx", buffer.getvalue())
    response = world.client("office").post(URL, {"upload": upload})
    assert response.content.decode().count('data-row="') == 24


def test_only_the_office_imports(world):
    assert world.client("gaj").post(URL, {"source": WUSHEN, "confirm": "1", "create_units": "1"}).status_code == 403
    assert Plan.objects.count() == 0


def test_cli_dry_run_json(world, tmp_path, capsys):
    path = tmp_path / "jiaozuo.txt"
    path.write_text(JIAOZUO, encoding="utf-8")
    call_command("import_plan", str(path), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert len(data["tasks"]) == 31
    assert set(data["tasks"][0]) == {"number", "category", "title", "lead_units", "responsible_units",
                                     "deadline_text", "deadline_kind", "due_date", "warnings", "notes"}
    assert Plan.objects.count() == 0


def test_cli_refuses_unmatched_units_unless_told_to_create_them(world, tmp_path):
    path = tmp_path / "jiaozuo.txt"
    path.write_text(JIAOZUO, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_plan", str(path))
    assert Plan.objects.count() == 0
    before = MemberUnit.objects.count()
    call_command("import_plan", str(path), "--create-units", "--assign")
    assert Task.objects.filter(status="assigned").count() == 31
    assert MemberUnit.objects.count() > before
    assert TaskUnit.objects.filter(task__plan__isnull=False).exists()
