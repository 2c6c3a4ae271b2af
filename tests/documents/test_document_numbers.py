"""发文字号: numbered per year and kind when the office issues a document, printed on it, never given twice."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from fuyuan.documents import services
from fuyuan.documents.models import IssuedDocument
from tests.tasks.builders import make_task

from .conftest import all_text, open_docx

YEAR = datetime.date.today().year


def issue(world, kind, subject, username="office"):
    return world.client(username).post(reverse("documents:issue"), {"kind": kind, "subject": subject,
                                                                    "next": "/tasks/"})


def notice_text(world, task):
    return all_text(open_docx(world.client("office").get(reverse("tasks:notice_docx", args=[task.pk])).content))


def test_the_office_issues_numbers_in_order_and_the_document_prints_its_own(world):
    first, second = make_task(world, "事项一"), make_task(world, "事项二")
    assert f"府院联办督〔{YEAR}〕　号" in notice_text(world, first)  # a draft: the serial left blank
    response = issue(world, "supervision_notice", f"task:{first.pk}")
    assert response.status_code == 302 and response["Location"] == "/tasks/"
    issue(world, "supervision_notice", f"task:{second.pk}")
    assert f"府院联办督〔{YEAR}〕1号" in notice_text(world, first)
    assert f"府院联办督〔{YEAR}〕2号" in notice_text(world, second)
    issue(world, "supervision_notice", f"task:{first.pk}")  # issuing again keeps the number
    assert IssuedDocument.objects.filter(subject=f"task:{first.pk}").get().serial == 1
    entry = LogEntry.objects.filter(additional_data__detail__transition="document_issued").order_by("pk").first()
    assert entry.additional_data["detail"]["number"] == f"府院联办督〔{YEAR}〕1号"
    assert entry.actor == world.user("office")


def test_a_number_is_never_given_twice_even_after_its_document_is_removed(world):
    tasks = [make_task(world, f"事项{n}") for n in range(3)]
    issue(world, "supervision_notice", f"task:{tasks[0].pk}")
    issue(world, "supervision_notice", f"task:{tasks[1].pk}")
    IssuedDocument.objects.filter(serial=2).delete()
    issue(world, "supervision_notice", f"task:{tasks[2].pk}")
    assert IssuedDocument.objects.get(subject=f"task:{tasks[2].pk}").serial == 3


def test_each_kind_and_year_has_its_own_sequence(world):
    task = make_task(world, "事项")
    office = world.user("office")
    services.issue(kind="supervision_notice", subject=f"task:{task.pk}", title="一", by=office)
    bulletin = services.issue(kind="bulletin", subject=f"bulletin:{YEAR}-Q1", title="通报", by=office)
    next_year = services.issue(kind="bulletin", subject=f"bulletin:{YEAR + 1}-Q1", title="通报", by=office,
                               on=datetime.date(YEAR + 1, 1, 5))
    assert bulletin.number == f"府院联办通〔{YEAR}〕1号"
    assert next_year.number == f"府院联办通〔{YEAR + 1}〕1号"


@pytest.mark.parametrize("username", ["leader", "gaj", "court"])
def test_only_the_office_issues(world, username):
    task = make_task(world, "事项")
    assert issue(world, "supervision_notice", f"task:{task.pk}", username).status_code == 403
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize("kind, subject", [
    ("supervision_notice", "task:999999"), ("supervision_notice", "meeting:1:notice"), ("nonsense", "task:1"),
    ("bulletin", "bulletin:2026-Q9"), ("assessment", "assessment:abc"), ("minutes", "meeting:x:minutes"),
])
def test_a_subject_that_names_nothing_is_refused_and_numbers_nothing(world, kind, subject):
    response = issue(world, kind, subject)
    assert response.status_code == 302
    assert not IssuedDocument.objects.exists()
    from django.contrib.messages import get_messages

    assert [str(m) for m in get_messages(response.wsgi_request)] == ["没有可签发的该公文。"]


def test_next_must_stay_on_this_site(world):
    task = make_task(world, "事项")
    response = world.client("office").post(reverse("documents:issue"), {
        "kind": "supervision_notice", "subject": f"task:{task.pk}", "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")
