"""The auditor reads workflow entries in Chinese, on the page and in the export (which failed with a 500
as soon as the range held a workflow action, whose detail is a dict)."""

from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from suggestions import services

RAW = ["Reply evaluated", "(none)", "{'transition'",
       "replied → closed", "∅", "adopted", "tasks.Task.None", "awaiting_reply", "True", "False"]


def evaluated_suggestion(world):
    today = timezone.localdate()
    suggestion = services.register(by=world.user("procuratorate"), kind="procuratorial", type="correction",
                                   doc_number="乌检建〔2026〕7号", addressee=world.unit("旗公安局"),
                                   title="关于规范涉案财物管理的检察建议", content="经审查发现……",
                                   issued_on=today, served_on=today)
    services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已整改")
    services.evaluate(suggestion=suggestion, by=world.user("procuratorate"), adoption="adopted", rectified=True)


def test_the_export_holds_every_workflow_entry_in_words(world):
    evaluated_suggestion(world)
    response = world.client("auditor").get(reverse("audit:export"))
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    text = "\n".join("\t".join(str(c or "") for c in row) for row in rows)
    assert "操作：评价" in text  # the suggestion's own word for the evaluation
    assert "采纳" in text
    for raw in RAW:
        assert raw not in text, raw


def test_the_audit_page_shows_labels_and_names_not_raw_values(world):
    evaluated_suggestion(world)
    page = world.client("auditor").get(reverse("audit:log")).content.decode()
    assert "采纳" in page and "旗公安局" in page
    for raw in RAW:
        assert raw not in page, raw
