"""A plan is imported once: the review page's token confirms at most once, and a plan already in the ledger
(same 文号 or same text) is refused unless the office imports it as a new version."""

from pathlib import Path

from django.urls import reverse

from tasks.models import Plan, Task

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
WUSHEN = (PLANS / "wushen-2023-fuyuan-plan.txt").read_text(encoding="utf-8")
JIAOZUO = (PLANS / "jiaozuo-2020-fuyuan-plan.txt").read_text(encoding="utf-8")
URL = reverse("tasks:plan_import")


def review(client, source, **data):
    response = client.post(URL, {"source": source, **data})
    assert response.status_code == 200
    return response


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_pressing_confirm_again_on_the_same_review_page_imports_nothing_more(world):
    client = world.client("office")
    token = review(client, WUSHEN).context["review_token"]
    data = {"source": WUSHEN, "confirm": "1", "create_units": "1", "review_token": token}
    assert client.post(URL, data).status_code == 302
    again = client.post(URL, data)  # browser Back, then 确认导入 once more
    assert again.status_code == 200
    assert any("已从本页面导入" in m for m in messages_of(again))
    assert Plan.objects.count() == 1 and Task.objects.count() == 24


def test_a_confirmation_without_the_review_token_is_refused(world):
    response = world.client("office").post(URL, {"source": WUSHEN, "confirm": "1", "create_units": "1"})
    assert response.status_code == 200 and Plan.objects.count() == 0


def test_a_plan_already_in_the_ledger_is_refused_unless_imported_as_a_new_version(world):
    client = world.client("office")
    token = review(client, WUSHEN).context["review_token"]
    client.post(URL, {"source": WUSHEN, "confirm": "1", "create_units": "1", "review_token": token})
    first = Plan.objects.get()

    page = review(client, WUSHEN)  # a fresh review page: a new token, but the same 文号
    assert 'data-testid="already-imported"' in page.content.decode()
    refused = client.post(URL, {"source": WUSHEN, "confirm": "1", "create_units": "1",
                                "review_token": page.context["review_token"]})
    assert any("已在台账中" in m for m in messages_of(refused))
    assert Plan.objects.count() == 1

    token = review(client, WUSHEN).context["review_token"]
    client.post(URL, {"source": WUSHEN, "confirm": "1", "create_units": "1", "new_version": "1",
                      "review_token": token})
    second = Plan.objects.exclude(pk=first.pk).get()
    assert (second.version, second.previous_version) == (2, first)
    numbers = list(second.tasks.order_by("sort_key").values_list("number", flat=True))
    assert numbers[0] == "乌政发〔2023〕9号（第2版）-1"
    assert Task.objects.count() == 48


def test_the_same_text_without_a_document_number_is_recognised(world):
    client = world.client("office")
    token = review(client, JIAOZUO).context["review_token"]
    client.post(URL, {"source": JIAOZUO, "confirm": "1", "create_units": "1", "review_token": token})
    assert Plan.objects.get().doc_number == ""
    # The same text with different line breaks and spacing is the same plan.
    again = JIAOZUO.replace("\n", "\n\n")
    page = review(client, again)
    refused = client.post(URL, {"source": again, "confirm": "1", "create_units": "1",
                                "review_token": page.context["review_token"]})
    assert any("已在台账中" in m for m in messages_of(refused))
    assert Plan.objects.count() == 1
