"""The Wushen plan's 24 tasks as a working ledger, in a realistic mix of states relative to `today`.

Everything goes through the same services a user's clicks do; afterwards the timestamps of each step
are moved to the day it "happened", so the timelines read like five months of real work. The audit
log is left alone: it truthfully records that the demo loader wrote these rows today.
"""

import datetime
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from fuyuan.accounts.demo import DEMO_PASSWORD
from fuyuan.accounts.models import User
from fuyuan.accounts.roles import UNIT_ROLES, Role
from fuyuan.messaging.models import Message

from . import deadlines, plan_import, plan_reader, services
from .models import (
    ClosureRequest,
    ExtensionRequest,
    Notification,
    Plan,
    ProgressReport,
    Reminder,
    TaskEvent,
    TaskUnit,
    UnitRole,
)

PLAN_FILE = Path(__file__).resolve().parent / "demo_plans" / "wushen-2023-fuyuan-plan.txt"
ISSUED_ON = datetime.date(2023, 4, 18)
ISSUERS = "乌审旗人民政府、乌审旗人民法院、乌审旗人民检察院"
ASSIGNED_DAYS_AGO = 150
READ_AFTER_DAYS = 7

# Liaisons who can sign in (password DEMO_PASSWORD), besides fuyuan.accounts.demo.ACCOUNTS:
# (username, full name, unit name). Other units act through accounts that cannot sign in.
LIAISONS = [
    ("sfj", "司法局 孙丽", "旗司法局"),
    ("scjgj", "市场监管局 白雪", "旗市场监督管理局"),
    ("glt", "嘎鲁图镇 乌日娜", "嘎鲁图镇人民政府"),
]

# Wushen prints no deadlines. As an office would, the first eight items get a date (days from today)
# and the rest a long-term duty with a quarterly report.
DATED = {0: -20, 1: -5, 2: 4, 3: 30, 4: 15, 5: 2, 6: 45, 7: 25}
UNSIGNED = 6

REPORT_TEXTS = [
    "{period}：召开专题会议研究部署，明确分管领导和联络员，按方案推进。",
    "{period}：梳理相关案件{n}件，已与法院、检察院逐件会商。",
    "{period}：开展联合培训1次，参训干部{n}人。",
    "{period}：互通工作信息{n}条，工作台账已更新。",
]


def load_tasks(units, accounts, today: datetime.date) -> Plan:
    """Import the Wushen plan once and work it to `today`; a second call returns the existing plan."""
    load_liaisons(units)
    text = PLAN_FILE.read_text(encoding="utf-8")
    parsed = plan_import.parse(text)
    existing = Plan.objects.filter(title=parsed.title, doc_number=parsed.doc_number).first()
    if existing:
        return existing
    office = accounts["office"]
    start = today - datetime.timedelta(days=ASSIGNED_DAYS_AGO)
    _set_deadlines(parsed, today)
    with _on(start - datetime.timedelta(days=2)):
        # Every printed name must match a demo unit or group: an unmatched one fails loudly here.
        plan = plan_import.import_plan(parsed=parsed, source_text=text, by=office)
    Plan.objects.filter(pk=plan.pk).update(issued_on=ISSUED_ON, issuers=ISSUERS)
    tasks = list(plan.tasks.order_by("sort_key"))
    for index, task in enumerate(tasks):
        # Item 6 was handed out three days ago and waits for its units' signatures.
        assigned_on = today - datetime.timedelta(days=3) if index == UNSIGNED else start
        with _on(assigned_on):
            services.assign(task=task, by=office, today=assigned_on)
    _work(tasks, office, today, start, _actors())
    _mark_old_notifications_read(today)
    plan.refresh_from_db()
    return plan


def load_liaisons(units) -> list[User]:
    """Create or refresh the LIAISONS accounts; the password is reset to DEMO_PASSWORD."""
    users = []
    for username, full_name, unit_name in LIAISONS:
        user, _created = User.objects.get_or_create(username=username)
        user.full_name, user.role, user.unit = full_name, Role.LIAISON, units[unit_name]
        user.is_active, user.must_change_password, user.password_expiry_exempt = True, False, True
        user.set_password(DEMO_PASSWORD)
        user.save()
        users.append(user)
    return users


def _set_deadlines(parsed, today):
    """Give the parsed tasks the office's deadlines before they are written (see DATED)."""
    for index, task in enumerate(parsed.tasks):
        if index in DATED:
            task.deadline_kind = plan_reader.DEADLINE_DATE
            task.due_date = today + datetime.timedelta(days=DATED[index])
            task.cycle = ""
        else:
            task.deadline_kind = plan_reader.DEADLINE_LONG_TERM
            task.due_date = None
            task.cycle = deadlines.QUARTERLY


def _work(tasks, office, today, start, actor):
    """Move the dated items into one state each (see the helpers) and keep the long-term ones reporting."""

    def day(offset):
        return today + datetime.timedelta(days=offset)

    def lead(index):
        return _lead(actor, tasks[index])

    for index in range(len(DATED)):
        if index != UNSIGNED:
            with _on(start + datetime.timedelta(days=1 + index % 4)):
                _sign_all(actor, tasks[index])
    _close_and_chase(tasks, office, day, lead)
    _requests(tasks, office, day, lead)
    for index, task in enumerate(tasks[8:], start=8):
        _report_quarterly(actor, index, task, start, today)


def _close_and_chase(tasks, office, day, lead):
    """0: closed on time; 1: overdue with a report, chased; 2: due within the week, signed only."""
    with _on(day(-35)):
        services.report_progress(task=tasks[0], by=lead(0), text="已制定工作方案并召开部署会。")
    with _on(day(-25)):
        services.request_closure(task=tasks[0], by=lead(0), summary="各项制度已印发实施，附印发文件。", today=day(-25))
    with _on(day(-22)):
        services.close(task=tasks[0], by=office, note="材料齐全，同意办结。", today=day(-22))
    with _on(day(-30)):
        services.report_progress(task=tasks[1], by=lead(1), text="已梳理重大案件12件，正在逐件会商。")
    with _on(day(-2)):
        services.remind(task=tasks[1], by=office, message="该事项已逾期，请于3个工作日内报送办理情况。",
                        units=[lead(1).unit])


def _requests(tasks, office, day, lead):
    """3: closure sent back; 4: closure waiting; 5: extension approved; 7: extension waiting."""
    with _on(day(-20)):
        services.report_progress(task=tasks[3], by=lead(3), text="已建立司法建议、检察建议办理台账，正在逐件跟踪。")
        services.report_progress(task=tasks[4], by=lead(4), text="协作配合机制文件已起草，正在征求成员单位意见。")
    with _on(day(-6)):
        services.request_closure(task=tasks[3], by=lead(3), summary="已完成。", today=day(-6))
    with _on(day(-3)):
        services.send_back(task=tasks[3], by=office, reason="未附司法建议、检察建议办理台账，请补充后再申请办结。")
    with _on(day(-1)):
        services.request_closure(task=tasks[4], by=lead(4), summary="协作配合机制文件已会签印发。", today=day(-1))
    with _on(day(-9)):
        # Was due in two days; moved by six weeks.
        extension = services.request_extension(task=tasks[5], by=lead(5), new_due_date=day(44),
                                               reason="涉及多部门联合调研，需延期。")
    with _on(day(-8)):
        services.decide_extension(extension=extension, by=office, approve=True, note="同意延期。")
    with _on(day(-2)):
        services.request_extension(task=tasks[7], by=lead(7), new_due_date=day(60), reason="待上级批复。")


def _report_quarterly(actor, index, task, start, today):
    """Every unit signs; each reports every due quarter, except that every third item lacks some for the last."""
    with _on(start + datetime.timedelta(days=3)):
        _sign_all(actor, task)
    due = deadlines.periods_due(start, today, deadlines.QUARTERLY, settings.REPORT_GRACE_DAYS)
    assignments = list(task.assignments.select_related("unit").order_by("role", "order"))
    for period in due:
        reported_on = period.end + datetime.timedelta(days=5)
        with _on(reported_on):
            for position, assignment in enumerate(assignments):
                if index % 3 == 0 and position > 0 and period == due[-1]:
                    continue  # these units have not reported for the last quarter: 缺报
                text = REPORT_TEXTS[(index + position) % len(REPORT_TEXTS)].format(
                    period=period.label, n=3 + (index * 7 + position) % 20)
                services.report_progress(task=task, by=actor(assignment.unit), period_key=period.key, text=text,
                                         today=reported_on)


def _lead(actor, task):
    """The account acting for the task's first lead unit."""
    assignment = task.assignments.filter(role=UnitRole.LEAD).select_related("unit").order_by("order").first()
    return actor(assignment.unit)


def _sign_all(actor, task):
    """Every unit of the task that has not signed yet signs for it."""
    for assignment in task.assignments.select_related("unit").filter(signed_at__isnull=True):
        services.sign(task=task, by=actor(assignment.unit))


def _actors():
    """unit → the account acting for it, looked up (or created) once per unit."""
    cache = {}

    def actor(unit):
        if unit.pk not in cache:
            cache[unit.pk] = _actor(unit)
        return cache[unit.pk]

    return actor


def _actor(unit):
    """The unit's liaison; units without a demo account get one that cannot sign in."""
    user = User.objects.filter(unit=unit, role__in=UNIT_ROLES, is_active=True).order_by("pk").first()
    if user is None:
        user = User(username=f"liaison{unit.order}", full_name=f"{unit.display_name}联络员", role=Role.LIAISON,
                    unit=unit, must_change_password=False, password_expiry_exempt=True)
        user.set_unusable_password()
        user.save()
    return user


def _mark_old_notifications_read(today):
    """Liaisons who worked for months have read what is older than a week."""
    cutoff = _moment(today - datetime.timedelta(days=READ_AFTER_DAYS))
    Notification.objects.filter(created_at__lt=cutoff, read_at__isnull=True).update(read_at=F("created_at"))
    Message.objects.filter(created_at__lt=cutoff, read_at__isnull=True).update(read_at=F("created_at"), read_via="app")


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


@contextmanager
def _on(day: datetime.date):
    """Date what the block records (events, reports, signatures, requests, messages) to 10:00 on `day`."""
    last = {model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            for model in (TaskEvent, ProgressReport, Notification, Reminder, Message)}
    since = timezone.now()
    yield
    moment = _moment(day)
    TaskEvent.objects.filter(pk__gt=last[TaskEvent]).update(at=moment)
    ProgressReport.objects.filter(pk__gt=last[ProgressReport]).update(submitted_at=moment)
    Notification.objects.filter(pk__gt=last[Notification]).update(created_at=moment)
    Reminder.objects.filter(pk__gt=last[Reminder]).update(sent_at=moment)
    Message.objects.filter(pk__gt=last[Message]).update(created_at=moment)
    TaskUnit.objects.filter(signed_at__gte=since).update(signed_at=moment)
    for model in (ExtensionRequest, ClosureRequest):
        model.objects.filter(requested_at__gte=since).update(requested_at=moment)
        model.objects.filter(decided_at__gte=since).update(decided_at=moment)
