"""A court registers 司法建议, a procuratorate 检察建议, each with its own types; the timeline speaks of suggestions."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from suggestions import services
from suggestions.models import Suggestion
from tasks import services as task_services
from tasks.services import TransitionRefused


def options(page, name):
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\w+)"( selected)?', select)


def test_the_procuratorate_form_offers_only_procuratorial_kinds_and_types(world):
    page = world.client("procuratorate").get(reverse("suggestions:register")).content.decode()
    assert options(page, "kind") == [("procuratorial", " selected")]
    types = options(page, "type")
    assert [t for t, _ in types] == ["retrial", "correction", "public_interest", "governance", "other"]
    assert types[0][1] == " selected"
    page = world.client("court").get(reverse("suggestions:register")).content.decode()
    assert options(page, "kind") == [("judicial", " selected")]
    assert [t for t, _ in options(page, "type")] == ["comprehensive", "individual", "class", "other"]


@pytest.mark.parametrize("by, kind, type", [
    ("procuratorate", "judicial", "comprehensive"),
    ("court", "procuratorial", "retrial"),
    ("court", "judicial", "retrial"),
])
def test_the_server_refuses_a_kind_or_type_the_issuer_does_not_issue(world, by, kind, type):
    today = timezone.localdate()
    with pytest.raises(TransitionRefused):
        services.register(by=world.user(by), kind=kind, type=type, doc_number="乌检建〔2026〕99号",
                          addressee=world.unit("旗公安局"), title="测试", content="内容", issued_on=today,
                          served_on=today)
    response = world.client(by).post(reverse("suggestions:register"), {
        "kind": kind, "type": type, "doc_number": "乌检建〔2026〕99号", "addressee": world.unit("旗公安局").pk,
        "title": "测试", "content": "内容", "issued_on": today.isoformat(), "served_on": today.isoformat()})
    assert response.status_code == 200
    assert not Suggestion.objects.exists()


def test_the_timeline_uses_the_suggestions_own_words(world):
    today = timezone.localdate()
    suggestion = services.register(by=world.user("procuratorate"), kind="procuratorial", type="correction",
                                   doc_number="乌检建〔2026〕7号", addressee=world.unit("旗公安局"), title="测试",
                                   content="内容", issued_on=today, served_on=today)
    task_services.sign(task=suggestion.task, by=world.user("gaj"))
    services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已整改")
    services.evaluate(suggestion=suggestion, by=world.user("procuratorate"), adoption="adopted", rectified=True)
    page = world.client("procuratorate").get(suggestion.get_absolute_url()).content.decode()
    timeline = re.search(r'data-testid="timeline">(.*?)</ol>', page, re.S).group(1)
    labels = re.findall(r"<strong>(.*?)</strong>", timeline)
    assert "签收建议" in labels and "书面回复" in labels and "评价" in labels
    assert not {"签收", "申请办结", "已办结"} & set(labels)
