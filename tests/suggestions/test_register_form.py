"""The issuer's register form: the rule, its legal basis and the computed deadline; registering through the form."""

import datetime

import pytest
from django.urls import reverse

from suggestions.models import Suggestion
from tasks.models import Task


@pytest.mark.parametrize("kind, type, urgent, served, due", [
    ("procuratorial", "correction", "", "2024-01-31", "2024-03-31"),
    ("judicial", "comprehensive", "", "2023-12-31", "2024-02-29"),
    ("procuratorial", "public_interest", "on", "2024-02-20", "2024-03-06"),
    ("procuratorial", "public_interest", "", "2024-02-20", "2024-04-20"),
])
def test_the_deadline_panel_computes_the_rule(world, kind, type, urgent, served, due):
    response = world.client("procuratorate").get(reverse("suggestions:register_preview"), {
        "kind": kind, "type": type, "urgent": urgent, "served_on": served}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert f'data-due="{due}"' in page and "<html" not in page
    assert response.context["preview"]["rule"].basis in page


def test_the_form_shows_the_rules_with_their_legal_basis(world):
    page = world.client("court").get(reverse("suggestions:register")).content.decode()
    for basis in ("法释〔2018〕6号", "《人民检察院检察建议工作规定》", "法释〔2023〕11号"):
        assert basis in page
    assert 'data-testid="deadline-preview"' in page and 'hx-get="/suggestions/new/deadline/"' in page


def test_registering_through_the_form_opens_the_reply_task(world):
    response = world.client("court").post(reverse("suggestions:register"), {
        "kind": "judicial", "type": "class", "doc_number": "乌法建〔2024〕2号", "addressee": world.unit("旗人社局").pk,
        "copy_to": [world.unit("旗政府办").pk], "case_number": "（2024）蒙0626民初1号",
        "title": "关于规范劳动争议调解工作的司法建议",
        "content": "建议……", "issued_on": "2024-01-30", "served_on": "2024-01-31"})
    suggestion = Suggestion.objects.get(doc_number="乌法建〔2024〕2号")
    assert response.status_code == 302 and response["Location"] == suggestion.get_absolute_url()
    assert suggestion.reply_due_on == datetime.date(2024, 3, 31) and suggestion.issuer == world.unit("旗人民法院")
    assert [u.name for u in suggestion.copy_to.all()] == ["旗政府办"]
    task = Task.objects.get(pk=suggestion.task_id)
    assert (task.origin, task.status, task.due_date) == ("suggestion", "assigned", datetime.date(2024, 3, 31))
    assert [u.name for u in task.units.all()] == ["旗人社局"]


def test_another_deadline_without_a_reason_is_refused_on_the_form(world):
    response = world.client("court").post(reverse("suggestions:register"), {
        "kind": "judicial", "type": "class", "doc_number": "乌法建〔2024〕3号", "addressee": world.unit("旗人社局").pk,
        "title": "测试", "content": "建议", "issued_on": "2024-01-30", "served_on": "2024-01-31",
        "reply_due_on": "2024-02-29"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Suggestion.objects.exists() and not Task.objects.exists()
