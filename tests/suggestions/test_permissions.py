"""Who may do what to a suggestion: role × action × whose suggestion → outcome, and nothing changes when refused.

The suggestion is a 检察建议 from 旗人民检察院 (procuratorate) to 旗公安局 (gaj). 法院 (court) is an issuer, but
not this suggestion's; 财政局 (czj) is a liaison, but not of the addressee.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from suggestions import services
from suggestions.models import Suggestion
from tasks import services as task_services
from tasks.models import Attachment, Task
from tasks.services import TransitionRefused

LATER = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
FORMS = {
    "reply": {"reply_text": "冒充回复", "measures": "无", "rectification": "无"},
    "deadline": {"reply_due_on": LATER, "reason": "调整期限"},
    "evaluate": {"adoption": "adopted", "rectified": "1", "comment": "冒充评估"},
    "return": {"reason": "请补充", "reply_due_on": LATER},
}


def make(world, replied=False):
    today = timezone.localdate()
    suggestion = services.register(by=world.user("procuratorate"), kind="procuratorial", type="correction",
                                   doc_number="乌检建〔2026〕7号", addressee=world.unit("旗公安局"),
                                   title="关于规范涉案财物管理的检察建议", content="经审查发现……",
                                   issued_on=today, served_on=today)
    suggestion.attachment.save("建议书.txt", ContentFile(b"x"))
    if replied:
        services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已整改",
                       attachments=[ContentFile(b"%PDF-1.4 y", name="回复函.pdf")])
    return Suggestion.objects.get(pk=suggestion.pk)


def make_other_reply(world):
    """Another suggestion to 公安局, replied with a file: the pk of that file."""
    today = timezone.localdate()
    other = services.register(by=world.user("procuratorate"), kind="procuratorial", type="correction",
                              doc_number="乌检建〔2026〕8号", addressee=world.unit("旗公安局"), title="另一份建议",
                              content="……", issued_on=today, served_on=today)
    services.reply(suggestion=other, by=world.user("gaj"), reply_text="已整改",
                   attachments=[ContentFile(b"%PDF-1.4 other", name="另一回复.pdf")])
    return reply_file(other)


def reply_file(suggestion):
    return Attachment.objects.get(closure__task=suggestion.task_id).pk


def snapshot(suggestion):
    """Everything a refused request must leave as it was."""
    s = Suggestion.objects.get(pk=suggestion.pk)
    task = Task.objects.get(pk=s.task_id)
    return (s.status, s.reply_text, s.reply_due_on, s.reply_due_reason, s.adoption, s.rectified, s.evaluation,
            task.status, task.due_date, task.events.count(), task.closures.count(), task.reminders.count())


# action → {user: expected}: a status code, with "changed" when the request does what it asks.
OUTCOMES = {
    "reply": {"office": 403, "leader": 403, "court": 404, "procuratorate": "refused", "gaj": "changed",
              "czj": 404, "sysadmin": 403},
    "deadline": {"office": 403, "leader": 403, "court": 404, "procuratorate": "changed", "gaj": 403,
                 "czj": 403, "sysadmin": 403},
    "evaluate": {"office": 403, "leader": 403, "court": 404, "procuratorate": "changed", "gaj": 403,
                 "czj": 403, "sysadmin": 403},
    "return": {"office": 403, "leader": 403, "court": 404, "procuratorate": "changed", "gaj": 403,
               "czj": 403, "sysadmin": 403},
}
CASES = [(action, user, expected) for action, row in OUTCOMES.items() for user, expected in row.items()]


@pytest.mark.parametrize("action, username, expected", CASES)
def test_who_may_act_on_a_suggestion(world, action, username, expected):
    suggestion = make(world, replied=action in ("evaluate", "return"))
    before = snapshot(suggestion)
    response = world.client(username).post(reverse(f"suggestions:{action}", args=[suggestion.pk]), FORMS[action])
    if expected == "changed":
        assert response.status_code == 302 and snapshot(suggestion) != before
    elif expected == "refused":  # may see it, may not do it: back to the page with the refusal, nothing changed
        assert response.status_code == 302 and snapshot(suggestion) == before
    else:
        assert response.status_code == expected and snapshot(suggestion) == before


@pytest.mark.parametrize("username, expected", [("office", 200), ("leader", 200), ("procuratorate", 200),
                                                ("gaj", 200), ("court", 404), ("czj", 404), ("sysadmin", 403),
                                                ("auditor", 403)])
def test_who_may_read_a_suggestion_and_its_documents(world, username, expected):
    suggestion = make(world, replied=True)
    client = world.client(username)
    for url in (reverse("suggestions:detail", args=[suggestion.pk]),
                reverse("suggestions:attachment", args=[suggestion.pk, "suggestion"]),
                reverse("suggestions:reply_attachment", args=[suggestion.pk, reply_file(suggestion)])):
        assert client.get(url).status_code == expected, url
    listed = suggestion.doc_number in client.get(reverse("suggestions:list")).content.decode()
    assert listed == (expected == 200)


def test_another_units_liaison_gets_nothing_from_any_url_or_form(world):
    """财政局's liaison tries every suggestion URL and form, and the reply task's, on 公安局's suggestion."""
    suggestion = make(world)
    task = suggestion.task
    client = world.client("czj")
    before = snapshot(suggestion)
    pk = suggestion.pk
    assert client.get(reverse("suggestions:detail", args=[pk])).status_code == 404
    other = make_other_reply(world)
    assert client.get(reverse("suggestions:attachment", args=[pk, "suggestion"])).status_code == 404
    other_pk = Attachment.objects.get(pk=other).closure.task.suggestion.pk
    assert client.get(reverse("suggestions:reply_attachment", args=[other_pk, other])).status_code == 404
    # A reply file of another suggestion, asked for through this one: not this suggestion's file.
    assert world.client("gaj").get(reverse("suggestions:reply_attachment", args=[pk, other])).status_code == 404
    for action, data in FORMS.items():
        assert client.post(reverse(f"suggestions:{action}", args=[pk]), data).status_code in (403, 404), action
    assert client.get(reverse("suggestions:register")).status_code == 403
    assert client.post(reverse("suggestions:register"), {"doc_number": "x"}).status_code == 403
    assert client.get(reverse("suggestions:register_preview"), {"kind": "judicial"}).status_code == 403
    # Its reply task: the page and every action on it.
    assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == 404
    for name, data in (("sign", {}), ("report", {"text": "x"}), ("request_extension", {"new_due_date": LATER,
                                                                                      "reason": "x"}),
                       ("request_closure", {"summary": "x"}), ("close", {}), ("send_back", {"reason": "x"}),
                       ("cancel", {"reason": "x"}), ("remind", {"message": "x"}), ("assign", {})):
        assert client.post(reverse(f"tasks:{name}", args=[task.pk]), data).status_code in (403, 404), name
    # Lists, export and statistics show nothing of it.
    assert suggestion.doc_number not in client.get(reverse("suggestions:list")).content.decode()
    searched = client.get(reverse("suggestions:list"), {"q": suggestion.doc_number})
    assert searched.context["page"].paginator.count == 0
    assert client.get(reverse("suggestions:stats")).context["totals"]["issued"] == 0
    assert suggestion.doc_number.encode() not in client.get(reverse("suggestions:export")).content
    assert suggestion.doc_number not in client.get(reverse("tasks:ledger")).content.decode()
    # And the services refuse it too.
    user = world.user("czj")
    for call in (lambda s: services.reply(suggestion=s, by=user, reply_text="冒充回复"),
                 lambda s: services.change_deadline(suggestion=s, by=user, reply_due_on=s.reply_due_on, reason="x"),
                 lambda s: services.evaluate(suggestion=s, by=user, adoption="adopted", rectified=True),
                 lambda s: services.return_for_more(suggestion=s, by=user, reason="x",
                                                    reply_due_on=s.reply_due_on)):
        with pytest.raises(TransitionRefused):
            call(suggestion)
    with pytest.raises(TransitionRefused):
        task_services.sign(task=task, by=user)
    assert snapshot(suggestion) == before


def test_the_office_chases_an_overdue_reply_through_the_reply_task(world):
    """备案 and 督办: the office sees every suggestion and sends a 催办 from the reply task's page."""
    served = timezone.localdate() - datetime.timedelta(days=90)
    suggestion = services.register(by=world.user("court"), kind="judicial", type="comprehensive",
                                   doc_number="乌法建〔2026〕8号", addressee=world.unit("旗财政局"), title="测试",
                                   content="建议", issued_on=served, served_on=served)
    client = world.client("office")
    listed = client.get(reverse("suggestions:list"), {"on_time": "overdue"}).content.decode()
    assert f'data-suggestion="{suggestion.pk}"' in listed
    response = client.post(reverse("tasks:remind", args=[suggestion.task_id]), {"message": "请尽快书面回复"})
    assert response.status_code == 302
    assert suggestion.task.reminders.filter(unit=world.unit("旗财政局")).count() == 1
