"""The Wushen plan's 24 tasks as a working ledger, in a realistic mix of states relative to `today`.

Everything goes through the same services a user's clicks do; afterwards the timestamps of each step
are moved to the day it "happened", so the timelines read like five months of real work.
"""

import datetime
from contextlib import contextmanager
from pathlib import Path

from django.utils import timezone

from fuyuan.accounts.models import User
from fuyuan.accounts.roles import UNIT_ROLES, Role

from . import deadlines, plan_import, services
from .models import (
    ClosureRequest,
    DeadlineKind,
    ExtensionRequest,
    Plan,
    ProgressReport,
    Task,
    TaskEvent,
    TaskUnit,
    UnitRole,
)

PLAN_FILE = Path(__file__).resolve().parent / "demo_plans" / "wushen-2023-fuyuan-plan.txt"
ASSIGNED_DAYS_AGO = 150


def load_tasks(units, accounts, today: datetime.date) -> Plan:
    """Import the Wushen plan once and work it to `today`; a second call returns the existing plan."""
    text = PLAN_FILE.read_text(encoding="utf-8")
    parsed = plan_import.parse(text)
    existing = Plan.objects.filter(title=parsed.title).first()
    if existing:
        return existing
    office = accounts["office"]
    start = today - datetime.timedelta(days=ASSIGNED_DAYS_AGO)
    with _on(start - datetime.timedelta(days=2)):
        plan = plan_import.import_plan(parsed=parsed, source_text=text, by=office, create_units=True)
    tasks = list(plan.tasks.order_by("sort_key"))
    _set_deadlines(tasks, today)
    with _on(start):
        for task in tasks:
            services.assign(task=task, by=office, today=start)
    _work(tasks, office, today, start)
    return plan


def _set_deadlines(tasks, today):
    """Wushen prints no deadlines: as an office would, give six items a date and the rest a quarterly report."""
    dated = {0: -20, 1: -5, 2: 4, 3: 30, 4: 15, 5: 2, 6: 45, 7: 25}
    for index, task in enumerate(tasks):
        if index in dated:
            due = today + datetime.timedelta(days=dated[index])
            Task.objects.filter(pk=task.pk).update(deadline_kind=DeadlineKind.DATE, due_date=due, cycle="",
                                                   deadline_text="")
        else:
            Task.objects.filter(pk=task.pk).update(deadline_kind=DeadlineKind.LONG_TERM, cycle=deadlines.QUARTERLY,
                                                   deadline_text="长期坚持")
    for task in tasks:
        task.refresh_from_db()


def _work(tasks, office, today, start):
    def day(offset):
        return today + datetime.timedelta(days=offset)

    def lead(task):
        return _actor(task.assignments.filter(role=UnitRole.LEAD).select_related("unit").first().unit)

    # 0: closed on time
    with _on(day(-40)):
        _sign_all(tasks[0])
        services.report_progress(task=tasks[0], by=lead(tasks[0]), text="已制定工作方案并召开部署会。")
    with _on(day(-25)):
        services.request_closure(task=tasks[0], by=lead(tasks[0]), summary="各项制度已印发实施，附印发文件。",
                                 today=day(-25))
    with _on(day(-22)):
        services.close(task=tasks[0], by=office, note="材料齐全，同意办结。", today=day(-22))
    # 1: overdue, in progress with a report
    with _on(day(-30)):
        _sign_all(tasks[1])
        services.report_progress(task=tasks[1], by=lead(tasks[1]), text="已梳理重大案件12件，正在逐件会商。")
    # 2: due in four days, signed
    with _on(day(-60)):
        _sign_all(tasks[2])
    # 3: closure sent back, in progress again
    with _on(day(-6)):
        _sign_all(tasks[3])
        services.request_closure(task=tasks[3], by=lead(tasks[3]), summary="已完成。", today=day(-6))
    with _on(day(-3)):
        services.send_back(task=tasks[3], by=office, reason="未附司法建议、检察建议办理台账，请补充后再申请办结。")
    # 4: closure requested, waiting for the office
    with _on(day(-1)):
        _sign_all(tasks[4])
        services.request_closure(task=tasks[4], by=lead(tasks[4]), summary="协作配合机制文件已会签印发。",
                                 today=day(-1))
    # 5: extended: due in two days, moved by six weeks
    with _on(day(-10)):
        _sign_all(tasks[5])
        extension = services.request_extension(task=tasks[5], by=lead(tasks[5]), new_due_date=day(44),
                                               reason="涉及多部门联合调研，需延期。")
    with _on(day(-8)):
        services.decide_extension(extension=extension, by=office, approve=True, note="同意延期。")
    # 6: assigned, nobody has signed yet
    # 7: an extension request waiting for a decision
    with _on(day(-2)):
        _sign_all(tasks[7])
        services.request_extension(task=tasks[7], by=lead(tasks[7]), new_due_date=day(60), reason="待上级批复。")
    # The long-term items: every unit signed; last quarter's reports from the lead units, some units missing.
    due = deadlines.periods_due(start, today, deadlines.QUARTERLY, _grace())
    for index, task in enumerate(tasks[8:], start=8):
        with _on(start + datetime.timedelta(days=3)):
            _sign_all(task)
        reporters = list(task.assignments.select_related("unit").order_by("role", "order"))
        for period in due:
            for position, assignment in enumerate(reporters):
                if index % 3 == 0 and position > 0 and period == due[-1]:
                    continue  # these units have not reported for the last quarter: 缺报
                reported_on = period.end + datetime.timedelta(days=5)
                with _on(reported_on):
                    services.report_progress(task=task, by=_actor(assignment.unit), period_key=period.key,
                                             text=f"{period.label}：按方案推进，已开展相关工作。", today=reported_on)


def _grace():
    from django.conf import settings

    return settings.REPORT_GRACE_DAYS


def _sign_all(task):
    for assignment in task.assignments.select_related("unit").filter(signed_at__isnull=True):
        services.sign(task=task, by=_actor(assignment.unit))


def _actor(unit):
    """The unit's liaison; units without a demo account get one that cannot sign in."""
    user = User.objects.filter(unit=unit, role__in=UNIT_ROLES, is_active=True).order_by("pk").first()
    if user is None:
        user = User(username=f"liaison{unit.pk}", full_name=f"{unit.display_name}联络员", role=Role.LIAISON,
                    unit=unit, password_expiry_exempt=True)
        user.set_unusable_password()
        user.save()
    return user


@contextmanager
def _on(day: datetime.date):
    """Date what the block records (events, reports, signatures) to 10:00 on `day`."""
    last_event = TaskEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_report = ProgressReport.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    since = timezone.now()
    yield
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    TaskEvent.objects.filter(pk__gt=last_event).update(at=moment)
    ProgressReport.objects.filter(pk__gt=last_report).update(submitted_at=moment)
    TaskUnit.objects.filter(signed_at__gte=since).update(signed_at=moment)
    for model in (ExtensionRequest, ClosureRequest):
        model.objects.filter(requested_at__gte=since).update(requested_at=moment)
        model.objects.filter(decided_at__gte=since).update(decided_at=moment)
