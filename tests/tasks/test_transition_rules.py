"""Every transition, allowed and refused, per role and state: a refusal raises and changes nothing."""

import pytest
from auditlog.models import LogEntry
from django.db import transaction

from tasks import services
from tasks.models import Status, Task, TaskEvent
from tasks.services import TransitionRefused
from tests.tasks.builders import days, make_task

# A task led by 公安局 (gaj) with 财政局 (czj) responsible; 法院 (court) and 检察院 are unrelated.
ALL_USERS = ["office", "leader", "court", "procuratorate", "gaj", "czj", "sysadmin", "secadmin", "auditor"]


def state(task):
    task = Task.objects.get(pk=task.pk)
    return (task.status, task.due_date, task.closure_requested_on, TaskEvent.objects.filter(task=task).count(),
            task.extensions.count(), task.closures.count(), task.reports.count())


def to_state(world, status):
    """A fresh task brought to `status` through the services."""
    task = make_task(world, f"{status}事项", responsible=["旗财政局"], due_in=20, assign=status != Status.DRAFT)
    if status in (Status.IN_PROGRESS, Status.CLOSURE_REQUESTED, Status.CLOSED):
        services.sign(task=task, by=world.user("gaj"))
    if status in (Status.CLOSURE_REQUESTED, Status.CLOSED):
        services.request_closure(task=task, by=world.user("gaj"), summary="已完成")
    if status == Status.CLOSED:
        services.close(task=task, by=world.user("office"))
    if status == Status.CANCELLED:
        services.cancel(task=task, by=world.user("office"), reason="不再需要")
    return Task.objects.get(pk=task.pk)


ACTIONS = {
    "assign": lambda w, t, u: services.assign(task=t, by=u),
    "sign": lambda w, t, u: services.sign(task=t, by=u),
    "report": lambda w, t, u: services.report_progress(task=t, by=u, text="进展"),
    "extend": lambda w, t, u: services.request_extension(task=t, by=u, new_due_date=days(60), reason="需要"),
    "request_closure": lambda w, t, u: services.request_closure(task=t, by=u, summary="已完成"),
    "close": lambda w, t, u: services.close(task=t, by=u),
    "send_back": lambda w, t, u: services.send_back(task=t, by=u, reason="材料不全"),
    "cancel": lambda w, t, u: services.cancel(task=t, by=u, reason="不再需要"),
    "remind": lambda w, t, u: services.remind(task=t, by=u, message="请加快"),
}
# (action, state) → who may do it; every other account is refused. Missing pairs: nobody may.
ALLOWED = {
    ("assign", Status.DRAFT): {"office"},
    ("sign", Status.ASSIGNED): {"gaj", "czj"},
    ("report", Status.ASSIGNED): {"gaj", "czj"},
    ("report", Status.IN_PROGRESS): {"gaj", "czj"},
    ("report", Status.CLOSURE_REQUESTED): {"gaj", "czj"},
    ("sign", Status.CLOSURE_REQUESTED): {"czj"},  # the responsible unit had not signed yet
    ("sign", Status.IN_PROGRESS): {"czj"},
    ("extend", Status.ASSIGNED): {"gaj"},
    ("extend", Status.IN_PROGRESS): {"gaj"},
    ("request_closure", Status.ASSIGNED): {"gaj"},
    ("request_closure", Status.IN_PROGRESS): {"gaj"},
    ("close", Status.CLOSURE_REQUESTED): {"office"},
    ("send_back", Status.CLOSURE_REQUESTED): {"office"},
    ("cancel", Status.DRAFT): {"office"},
    ("cancel", Status.ASSIGNED): {"office"},
    ("cancel", Status.IN_PROGRESS): {"office"},
    ("cancel", Status.CLOSURE_REQUESTED): {"office"},
    ("remind", Status.ASSIGNED): {"office"},
    ("remind", Status.IN_PROGRESS): {"office"},
    ("remind", Status.CLOSURE_REQUESTED): {"office"},
}
STATES = [Status.DRAFT, Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED, Status.CLOSED,
          Status.CANCELLED]


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_transition_table(world, action, status):
    allowed = ALLOWED.get((action, status), set())
    built = to_state(world, status)
    for username in ALL_USERS:
        # Each account acts on the task as built, which is restored after it (a savepoint rolled back).
        with transaction.atomic():
            task = Task.objects.get(pk=built.pk)
            before = state(task)
            audit_before = LogEntry.objects.filter(additional_data__event="transition").count()
            if username in allowed:
                ACTIONS[action](world, task, world.user(username))
                assert state(task) != before, f"{action} by {username} on {status} changed nothing"
                assert LogEntry.objects.filter(additional_data__event="transition").count() > audit_before
            else:
                with pytest.raises(TransitionRefused):
                    ACTIONS[action](world, task, world.user(username))
                assert state(task) == before, f"refused {action} by {username} on {status} changed something"
            transaction.set_rollback(True)


def test_an_approved_extension_moves_the_deadline_and_keeps_the_old_one(world):
    task = to_state(world, Status.IN_PROGRESS)
    old = task.due_date
    extension = services.request_extension(task=task, by=world.user("gaj"), new_due_date=days(60), reason="协调")
    with pytest.raises(TransitionRefused):
        services.request_extension(task=task, by=world.user("gaj"), new_due_date=days(70), reason="再延")
    with pytest.raises(TransitionRefused):
        services.decide_extension(extension=extension, by=world.user("office"), approve=False, note="")
    services.decide_extension(extension=extension, by=world.user("office"), approve=True)
    extension.refresh_from_db()
    assert Task.objects.get(pk=task.pk).due_date == days(60) and extension.old_due_date == old
    with pytest.raises(TransitionRefused):
        services.decide_extension(extension=extension, by=world.user("office"), approve=False, note="晚了")
    with pytest.raises(TransitionRefused):
        services.request_extension(task=task, by=world.user("gaj"), new_due_date=days(30), reason="提前")


def test_only_the_office_decides_extensions(world):
    task = to_state(world, Status.IN_PROGRESS)
    extension = services.request_extension(task=task, by=world.user("gaj"), new_due_date=days(60), reason="协调")
    for username in ("gaj", "leader", "court", "sysadmin"):
        with pytest.raises(TransitionRefused):
            services.decide_extension(extension=extension, by=world.user(username), approve=True)
    assert Task.objects.get(pk=task.pk).due_date == days(20)


def test_empty_reasons_and_texts_are_refused(world):
    task = to_state(world, Status.CLOSURE_REQUESTED)
    for call in (lambda: services.send_back(task=task, by=world.user("office"), reason="  "),
                 lambda: services.cancel(task=task, by=world.user("office"), reason=""),
                 lambda: services.report_progress(task=task, by=world.user("czj"), text=" "),
                 lambda: services.remind(task=task, by=world.user("office"), message="")):
        before = state(task)
        with pytest.raises(TransitionRefused):
            call()
        assert state(task) == before


def test_long_term_reports_need_a_period(world):
    task = make_task(world, "长期事项", due_in=None)
    with pytest.raises(TransitionRefused):
        services.report_progress(task=task, by=world.user("gaj"), text="进展", period_key="")
    with pytest.raises(TransitionRefused):
        services.report_progress(task=task, by=world.user("gaj"), text="进展", period_key="2019-Q1")
    from tasks.selectors import report_period_choices

    period = report_period_choices(task)[0]
    report = services.report_progress(task=task, by=world.user("gaj"), text="进展", period_key=period.key)
    assert report.period_key == period.key


def test_notifications_and_email_after_commit(world, mailoutbox, django_capture_on_commit_callbacks):
    gaj = world.user("gaj")
    gaj.email = "gaj@wushen.gov.cn"
    gaj.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        task = make_task(world, "新事项")
    assert gaj.notifications.filter(task=task).count() == 1
    assert len(mailoutbox) == 0  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [["gaj@wushen.gov.cn"]]
    assert "新事项" in mailoutbox[0].body
