"""Every transition of an item, allowed and refused, per account and state.

The item is led by 旗公安局 (gaj) with 旗财政局 (czj) responsible; the court and the procuratorate are
unrelated units. A refusal raises TransitionRefused and changes nothing.
"""

import datetime

import pytest
from auditlog.models import LogEntry

from tasks import services
from tasks.models import ClosureRequest, Decision, EventKind, Notification, Origin, Status, Task, TaskEvent
from tasks.services import TransitionRefused
from tests.tasks.factories import TODAY, bring_to, day, long_term_task, make_task, snapshot

ACCOUNTS = ["office", "leader", "court", "procuratorate", "gaj", "czj", "sysadmin", "secadmin", "auditor"]
S = Status


def everyone_but(*allowed):
    return [name for name in ACCOUNTS if name not in allowed]


def assert_refused(task, call):
    before = snapshot(task)
    with pytest.raises(TransitionRefused):
        call()
    assert snapshot(task) == before


def fresh(task):
    return Task.objects.get(pk=task.pk)


def signed_units(task):
    return {a.unit.name for a in fresh(task).assignments.filter(signed_at__isnull=False).select_related("unit")}


# ---------------------------------------------------------------- 交办


def test_the_office_assigns_a_draft_to_its_units(world):
    task = bring_to(world, S.DRAFT)
    services.assign(task=task, by=world.user("office"), today=TODAY)
    task = fresh(task)
    assert (task.status, task.assigned_on) == (S.ASSIGNED, TODAY)


@pytest.mark.parametrize("username", everyone_but("office"))
def test_only_the_office_assigns(world, username):
    task = bring_to(world, S.DRAFT)
    assert_refused(task, lambda: services.assign(task=task, by=world.user(username)))


@pytest.mark.parametrize("status", [S.ASSIGNED, S.IN_PROGRESS, S.CLOSURE_REQUESTED, S.CLOSED, S.CANCELLED])
def test_an_item_is_assigned_only_once(world, status):
    task = bring_to(world, status)
    assert_refused(task, lambda: services.assign(task=task, by=world.user("office")))


def test_an_item_without_units_cannot_be_assigned(world):
    task = services.create_task(by=world.user("office"), origin=Origin.ADHOC, title="无单位事项", due_date=day(9))
    assert_refused(task, lambda: services.assign(task=task, by=world.user("office")))


# ---------------------------------------------------------------- 签收


@pytest.mark.parametrize("username, status, status_after", [
    ("gaj", S.ASSIGNED, S.IN_PROGRESS),
    ("czj", S.ASSIGNED, S.IN_PROGRESS),
    ("czj", S.IN_PROGRESS, S.IN_PROGRESS),              # gaj signed already
    ("czj", S.CLOSURE_REQUESTED, S.CLOSURE_REQUESTED),
])
def test_an_assigned_units_liaison_signs(world, username, status, status_after):
    task = bring_to(world, status)
    services.sign(task=task, by=world.user(username))
    assert fresh(task).status == status_after
    assert world.user(username).unit.name in signed_units(task)


@pytest.mark.parametrize("username, status", [
    ("gaj", S.IN_PROGRESS),  # signed twice
    ("gaj", S.DRAFT),
    ("czj", S.CLOSED),
    ("czj", S.CANCELLED),
    *[(name, S.ASSIGNED) for name in everyone_but("gaj", "czj")],
])
def test_signing_refused(world, username, status):
    task = bring_to(world, status)
    assert_refused(task, lambda: services.sign(task=task, by=world.user(username)))


def test_an_issuer_signs_for_its_court(world):
    task = make_task(world, "法院牵头事项", lead="旗人民法院", responsible=())
    services.sign(task=task, by=world.user("court"))
    assert signed_units(task) == {"旗人民法院"}


def test_a_deactivated_liaison_cannot_sign(world):
    task = bring_to(world, S.ASSIGNED)
    gaj = world.user("gaj")
    gaj.is_active = False
    gaj.save()
    assert_refused(task, lambda: services.sign(task=task, by=gaj))


# ---------------------------------------------------------------- 进展报送


@pytest.mark.parametrize("username, status, status_after", [
    ("gaj", S.ASSIGNED, S.IN_PROGRESS),
    ("czj", S.ASSIGNED, S.IN_PROGRESS),
    ("czj", S.IN_PROGRESS, S.IN_PROGRESS),
    ("gaj", S.CLOSURE_REQUESTED, S.CLOSURE_REQUESTED),
])
def test_lead_and_responsible_units_report_progress_and_thereby_sign(world, username, status, status_after):
    task = bring_to(world, status)
    user = world.user(username)
    report = services.report_progress(task=task, by=user, text="  已完成摸底排查  ", period_key="2024-Q1")
    assert (report.unit, report.text, report.period_key) == (user.unit, "已完成摸底排查", "")
    assert fresh(task).status == status_after
    assert user.unit.name in signed_units(task)


@pytest.mark.parametrize("username, status, text", [
    ("gaj", S.DRAFT, "进展"),
    ("gaj", S.CLOSED, "进展"),
    ("czj", S.CANCELLED, "进展"),
    ("gaj", S.IN_PROGRESS, ""),
    ("czj", S.IN_PROGRESS, "   "),
    *[(name, S.IN_PROGRESS, "进展") for name in everyone_but("gaj", "czj")],
])
def test_reporting_refused(world, username, status, text):
    task = bring_to(world, status)
    assert_refused(task, lambda: services.report_progress(task=task, by=world.user(username), text=text))


@pytest.mark.parametrize("period_key, accepted", [
    ("2024-Q2", True),    # the current quarter
    ("2024-Q1", True),    # the last one, already due
    ("", False),
    ("2023-Q4", False),   # before the item was assigned
    ("2024-Q3", False),   # not begun
    ("2024-04", False),   # a month, not a quarter
    ("2024", False),
    ("第一季度", False),
])
def test_a_long_term_report_names_a_period_it_is_owed_for(world, period_key, accepted):
    task = long_term_task(world, assigned_on=datetime.date(2024, 1, 10))
    report = lambda: services.report_progress(task=task, by=world.user("czj"), text="本期进展",  # noqa: E731
                                              period_key=period_key, today=TODAY)
    if accepted:
        assert report().period_key == period_key
    else:
        assert_refused(task, report)


# ---------------------------------------------------------------- 延期


def request_extension(world, task, username="gaj", new_due_date=None, reason="需协调多部门"):
    return services.request_extension(task=task, by=world.user(username), new_due_date=new_due_date or day(60),
                                      reason=reason)


@pytest.mark.parametrize("status", [S.ASSIGNED, S.IN_PROGRESS])
def test_the_lead_unit_asks_for_a_later_deadline(world, status):
    task = bring_to(world, status)
    extension = request_extension(world, task)
    assert (extension.decision, extension.old_due_date, extension.new_due_date) == (Decision.PENDING, day(20), day(60))
    assert fresh(task).due_date == day(20)  # nothing moves until the office decides
    assert Notification.objects.filter(user=world.user("office"), task=task).exists()


@pytest.mark.parametrize("username, status", [
    ("gaj", S.DRAFT), ("gaj", S.CLOSURE_REQUESTED), ("gaj", S.CLOSED), ("gaj", S.CANCELLED),
    *[(name, S.IN_PROGRESS) for name in everyone_but("gaj")],
])
def test_asking_for_an_extension_refused(world, username, status):
    task = bring_to(world, status)
    assert_refused(task, lambda: request_extension(world, task, username))


@pytest.mark.parametrize("new_due_date, reason", [(day(20), "需协调"), (day(19), "需协调"), (day(60), "  ")])
def test_an_extension_needs_a_later_date_and_a_reason(world, new_due_date, reason):
    task = bring_to(world, S.IN_PROGRESS)
    assert_refused(task, lambda: request_extension(world, task, new_due_date=new_due_date, reason=reason))


def test_only_dated_items_are_extended(world):
    task = long_term_task(world, assigned_on=day(-10))
    assert_refused(task, lambda: request_extension(world, task))


def test_one_extension_waits_at_a_time(world):
    task = bring_to(world, S.IN_PROGRESS)
    first = request_extension(world, task)
    assert_refused(task, lambda: request_extension(world, task, new_due_date=day(90)))
    services.decide_extension(extension=first, by=world.user("office"), approve=False, note="理由不足")
    assert request_extension(world, task, new_due_date=day(90)).decision == Decision.PENDING


def test_an_approved_extension_moves_the_deadline_and_keeps_the_old_one(world):
    task = bring_to(world, S.IN_PROGRESS)
    extension = request_extension(world, task)
    services.decide_extension(extension=extension, by=world.user("office"), approve=True)
    extension.refresh_from_db()
    assert fresh(task).due_date == day(60)
    assert (extension.decision, extension.old_due_date, extension.decided_by) == (
        Decision.APPROVED, day(20), world.user("office"))
    assert Notification.objects.filter(user=world.user("gaj"), task=task).count() == 2  # assigned, approved


@pytest.mark.parametrize("note", ["", "  "])
def test_a_rejection_needs_a_reason(world, note):
    task = bring_to(world, S.IN_PROGRESS)
    extension = request_extension(world, task)
    assert_refused(task, lambda: services.decide_extension(extension=extension, by=world.user("office"),
                                                           approve=False, note=note))


def test_a_rejection_keeps_the_deadline(world):
    task = bring_to(world, S.IN_PROGRESS)
    extension = request_extension(world, task)
    services.decide_extension(extension=extension, by=world.user("office"), approve=False, note="理由不足")
    extension.refresh_from_db()
    assert (extension.decision, extension.decision_note, fresh(task).due_date) == (
        Decision.REJECTED, "理由不足", day(20))


@pytest.mark.parametrize("first, second", [(True, False), (False, True), (True, True)])
def test_an_extension_is_decided_once(world, first, second):
    task = bring_to(world, S.IN_PROGRESS)
    extension = request_extension(world, task)
    services.decide_extension(extension=extension, by=world.user("office"), approve=first, note="已研究")
    assert_refused(task, lambda: services.decide_extension(extension=extension, by=world.user("office"),
                                                           approve=second, note="再议"))


@pytest.mark.parametrize("username", everyone_but("office"))
def test_only_the_office_decides_an_extension(world, username):
    task = bring_to(world, S.IN_PROGRESS)
    extension = request_extension(world, task)
    assert_refused(task, lambda: services.decide_extension(extension=extension, by=world.user(username),
                                                           approve=True))


def test_closing_settles_a_waiting_extension_so_it_cannot_rewrite_a_late_closure(world):
    task = bring_to(world, S.IN_PROGRESS, due_date=day(-5))
    extension = request_extension(world, task, new_due_date=day(30))
    services.request_closure(task=task, by=world.user("gaj"), summary="已完成", today=TODAY)
    services.close(task=task, by=world.user("office"), today=TODAY)
    extension.refresh_from_db()
    assert extension.decision == Decision.REJECTED
    assert_refused(task, lambda: services.decide_extension(extension=extension, by=world.user("office"),
                                                           approve=True))
    assert fresh(task).light_today(TODAY) == "closed_late"


# ---------------------------------------------------------------- 申请办结, 办结, 退回


@pytest.mark.parametrize("status", [S.ASSIGNED, S.IN_PROGRESS])
def test_the_lead_unit_asks_to_close(world, status):
    task = bring_to(world, status)
    services.request_closure(task=task, by=world.user("gaj"), summary="已全部完成", today=day(-1))
    task = fresh(task)
    assert (task.status, task.closure_requested_on) == (S.CLOSURE_REQUESTED, day(-1))
    assert "旗公安局" in signed_units(task)
    assert ClosureRequest.objects.get(task=task).decision == Decision.PENDING
    assert Notification.objects.filter(user=world.user("office"), task=task).exists()


@pytest.mark.parametrize("username, status, summary", [
    ("gaj", S.DRAFT, "完成"), ("gaj", S.CLOSURE_REQUESTED, "完成"), ("gaj", S.CLOSED, "完成"),
    ("gaj", S.CANCELLED, "完成"), ("gaj", S.IN_PROGRESS, " "),
    *[(name, S.IN_PROGRESS, "完成") for name in everyone_but("gaj")],
])
def test_asking_to_close_refused(world, username, status, summary):
    task = bring_to(world, status)
    assert_refused(task, lambda: services.request_closure(task=task, by=world.user(username), summary=summary))


def test_the_office_closes_a_requested_item(world):
    task = bring_to(world, S.CLOSURE_REQUESTED)
    services.close(task=task, by=world.user("office"), note="材料齐全", today=TODAY)
    task = fresh(task)
    assert (task.status, task.closed_on) == (S.CLOSED, TODAY)
    assert ClosureRequest.objects.get(task=task).decision == Decision.APPROVED
    assert Notification.objects.filter(task=task, user__username__in=["gaj", "czj"]).count() == 4  # + assigned


DECISIONS = {
    "close": lambda world, task, user: services.close(task=task, by=user),
    "send_back": lambda world, task, user: services.send_back(task=task, by=user, reason="佐证材料不全"),
}


@pytest.mark.parametrize("action", DECISIONS)
@pytest.mark.parametrize("username, status", [
    *[("office", s) for s in (S.DRAFT, S.ASSIGNED, S.IN_PROGRESS, S.CLOSED, S.CANCELLED)],
    *[(name, S.CLOSURE_REQUESTED) for name in everyone_but("office")],
])
def test_only_the_office_decides_a_closure_request(world, action, username, status):
    task = bring_to(world, status)
    assert_refused(task, lambda: DECISIONS[action](world, task, world.user(username)))


@pytest.mark.parametrize("reason", ["", "   "])
def test_sending_back_needs_a_reason(world, reason):
    task = bring_to(world, S.CLOSURE_REQUESTED)
    assert_refused(task, lambda: services.send_back(task=task, by=world.user("office"), reason=reason))


def test_a_sent_back_item_is_in_progress_again_and_may_be_requested_anew(world):
    task = bring_to(world, S.CLOSURE_REQUESTED)
    services.send_back(task=task, by=world.user("office"), reason="佐证材料不全")
    task = fresh(task)
    assert (task.status, task.closure_requested_on) == (S.IN_PROGRESS, None)
    assert ClosureRequest.objects.get(task=task).decision_note == "佐证材料不全"
    services.request_closure(task=task, by=world.user("gaj"), summary="已补充材料", today=day(3))
    services.close(task=task, by=world.user("office"), today=day(4))
    task = fresh(task)
    assert (task.status, task.closure_requested_on, task.closed_on) == (S.CLOSED, day(3), day(4))
    assert list(task.closures.order_by("pk").values_list("decision", flat=True)) == [
        Decision.REJECTED, Decision.APPROVED]


def test_a_suggestion_reply_is_not_closed_through_the_ledger(world):
    task = make_task(world, "检察建议回复", origin=Origin.SUGGESTION)
    assert_refused(task, lambda: services.request_closure(task=task, by=world.user("gaj"), summary="已回复"))


# ---------------------------------------------------------------- 中止


@pytest.mark.parametrize("status", [S.DRAFT, S.ASSIGNED, S.IN_PROGRESS, S.CLOSURE_REQUESTED])
def test_the_office_cancels_an_item_with_a_reason(world, status):
    task = bring_to(world, status)
    services.cancel(task=task, by=world.user("office"), reason="上级文件调整")
    assert fresh(task).status == S.CANCELLED
    assert not task.closures.filter(decision=Decision.PENDING).exists()


@pytest.mark.parametrize("username, status, reason", [
    ("office", S.CLOSED, "调整"), ("office", S.CANCELLED, "调整"), ("office", S.IN_PROGRESS, " "),
    *[(name, S.IN_PROGRESS, "调整") for name in everyone_but("office")],
])
def test_cancelling_refused(world, username, status, reason):
    task = bring_to(world, status)
    assert_refused(task, lambda: services.cancel(task=task, by=world.user(username), reason=reason))


def test_cancelling_settles_a_waiting_extension(world):
    task = bring_to(world, S.IN_PROGRESS)
    extension = request_extension(world, task)
    services.cancel(task=task, by=world.user("office"), reason="上级文件调整")
    extension.refresh_from_db()
    assert (extension.decision, fresh(task).due_date) == (Decision.REJECTED, day(20))


# ---------------------------------------------------------------- timeline and audit log

TRANSITIONS = [
    # (state before, who, call, event kind, state after)
    (S.DRAFT, "office", lambda t, u: services.assign(task=t, by=u), EventKind.ASSIGNED, S.ASSIGNED),
    (S.ASSIGNED, "czj", lambda t, u: services.sign(task=t, by=u), EventKind.SIGNED, S.IN_PROGRESS),
    (S.IN_PROGRESS, "gaj", lambda t, u: services.report_progress(task=t, by=u, text="进展"), EventKind.REPORTED,
     S.IN_PROGRESS),
    (S.IN_PROGRESS, "gaj", lambda t, u: services.request_extension(task=t, by=u, new_due_date=day(60), reason="需要"),
     EventKind.EXTENSION_REQUESTED, S.IN_PROGRESS),
    (S.IN_PROGRESS, "gaj", lambda t, u: services.request_closure(task=t, by=u, summary="完成"),
     EventKind.CLOSURE_REQUESTED, S.CLOSURE_REQUESTED),
    (S.CLOSURE_REQUESTED, "office", lambda t, u: services.close(task=t, by=u), EventKind.CLOSED, S.CLOSED),
    (S.CLOSURE_REQUESTED, "office", lambda t, u: services.send_back(task=t, by=u, reason="不全"), EventKind.RETURNED,
     S.IN_PROGRESS),
    (S.IN_PROGRESS, "office", lambda t, u: services.cancel(task=t, by=u, reason="调整"), EventKind.CANCELLED,
     S.CANCELLED),
]


@pytest.mark.parametrize("status, username, call, kind, status_after", TRANSITIONS)
def test_every_transition_is_on_the_timeline_and_in_the_audit_log(world, status, username, call, kind,
                                                                    status_after):
    task = bring_to(world, status)
    user = world.user(username)
    transitions = LogEntry.objects.filter(additional_data__event="transition")
    events, audit = TaskEvent.objects.count(), transitions.count()
    call(task, user)
    event = TaskEvent.objects.filter(task=task).latest("pk")
    assert (event.kind, event.actor, event.status_after, TaskEvent.objects.count()) == (kind, user, status_after,
                                                                                        events + 1)
    entry = transitions.latest("pk")
    assert transitions.count() == audit + 1
    assert (entry.actor, entry.object_pk, entry.additional_data["detail"]["transition"]) == (user, str(task.pk), kind)


def test_deciding_an_extension_is_on_the_timeline_and_in_the_audit_log(world):
    task = bring_to(world, S.IN_PROGRESS)
    extension = request_extension(world, task)
    audit = LogEntry.objects.filter(additional_data__event="transition").count()
    services.decide_extension(extension=extension, by=world.user("office"), approve=True)
    assert TaskEvent.objects.filter(task=task).latest("pk").kind == EventKind.EXTENSION_APPROVED
    assert LogEntry.objects.filter(additional_data__event="transition").count() == audit + 1


# ---------------------------------------------------------------- notifications and email


def test_assigning_notifies_the_units_accounts_only(world):
    task = make_task(world, "新交办事项")
    notified = set(Notification.objects.filter(task=task).values_list("user__username", flat=True))
    assert notified == {"gaj", "czj"}


def test_email_leaves_only_after_the_commit_and_only_for_accounts_with_an_address(
        world, mailoutbox, django_capture_on_commit_callbacks):
    gaj = world.user("gaj")
    gaj.email = "gaj@wushen.gov.cn"
    gaj.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        task = make_task(world, "新交办事项")
        assert mailoutbox == []  # still inside the transaction
    assert len(callbacks) == 1
    assert [m.to for m in mailoutbox] == [["gaj@wushen.gov.cn"]]
    assert "新交办事项" in mailoutbox[0].body
    assert Notification.objects.filter(task=task, user=world.user("czj")).exists()  # in the app all the same


def test_a_refused_transition_sends_nothing(world, mailoutbox, django_capture_on_commit_callbacks):
    gaj = world.user("gaj")
    gaj.email = "gaj@wushen.gov.cn"
    gaj.save()
    task = bring_to(world, S.CLOSED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(TransitionRefused):
        services.remind(task=task, by=world.user("office"), message="请尽快")
    assert callbacks == [] and mailoutbox == []
