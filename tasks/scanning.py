"""The daily deadline scan: automatic 催办 for 临期, 逾期 and 缺报, each sent at most once; the stored lights' catch-up.

Which reminders are due is decided in a few anti-joins against the reminder's unique key (task, unit,
reason, key), so a second run the same day reads nothing back; what is due is written in bulk:
reminders, notifications, timeline events and audit entries, one insert each.
"""

import dataclasses
import datetime
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, CharField, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Cast
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.audit.services import record_events
from fuyuan.messaging.models import MessageKind

from . import deadlines, light_state
from .models import DeadlineKind, EventKind, ProgressReport, Reminder, ReminderReason, Status, TaskEvent, TaskUnit
from .report_state import PERIODIC_KINDS, unit_missing_q
from .services import Notice, notify, send_automatic_reminder, timeline_entry, unit_accounts

# A closure request stops the clock, so only items still being worked on are chased.
WORKING = (Status.ASSIGNED, Status.IN_PROGRESS)


@dataclasses.dataclass
class ScanResult:
    due_soon: int = 0
    overdue: int = 0
    missing_report: int = 0
    other: int = 0  # reminders other apps send from the same scan (cases: hearings without a reported head)

    @property
    def total(self):
        return self.due_soon + self.overdue + self.missing_report + self.other


# Sent at the end of every scan with today and warn_days; a receiver returns how many reminders it sent.
deadline_scan = Signal()


@dataclasses.dataclass
class Due:
    """One automatic reminder to send."""

    assignment: TaskUnit
    reason: str
    dedupe_key: str
    message: str


def scan_deadlines(today: datetime.date, warn_days: int | None = None) -> ScanResult:
    """Send the reminders due on `today`; running it again the same day (or any later day) repeats none."""
    warn_days = settings.DUE_SOON_DAYS if warn_days is None else warn_days
    # The stored lights whose day has come turn now, not at the first reader's request (light_state.py).
    light_state.current(today)
    due = [*dated_reminders_due(today, warn_days), *missing_reminders_due(today)]
    sent = send_automatic_reminders(due)
    result = ScanResult()
    for item in sent:
        setattr(result, item.reason, getattr(result, item.reason) + 1)
    result.other = sum(count or 0 for _receiver, count in deadline_scan.send(ScanResult, today=today,
                                                                            warn_days=warn_days))
    return result


def _not_sent(reason, key):
    return ~Exists(Reminder.objects.filter(task=OuterRef("task"), unit=OuterRef("unit"), reason=reason,
                                           dedupe_key=key))


def _assignments():
    # A reminder needs only these fields of the item: never drag the body along.
    return TaskUnit.objects.select_related("task", "unit").only(
        "pk", "task_id", "unit_id", "order", "unit__name", "unit__short_name", "task__title", "task__number",
        "task__status", "task__due_date", "task__deadline_kind", "task__deadline_text", "task__cycle")


def dated_reminders_due(today, warn_days) -> list[Due]:
    """临期 and 逾期 reminders not yet sent for the current due date (an extension earns a fresh one)."""
    rows = (
        _assignments()
        .filter(task__status__in=WORKING, task__deadline_kind=DeadlineKind.DATE,
                task__due_date__lte=deadlines.add_days(today, warn_days))
        .annotate(due_key=Cast("task__due_date", CharField()),
                  reason=Case(When(task__due_date__lt=today, then=Value(ReminderReason.OVERDUE)),
                              default=Value(ReminderReason.DUE_SOON)))
        .filter(_not_sent(OuterRef("reason"), OuterRef("due_key")))
        .order_by("task__due_date", "task_id", "order")
    )
    # Translated once, not once per reminder (a first scan may send tens of thousands).
    overdue = _("This item was due on %(date)s and is %(days)s days overdue.")
    due_soon = _("This item is due on %(date)s, in %(days)s days.")
    out = []
    for assignment in rows:
        due = assignment.task.due_date
        if assignment.reason == ReminderReason.OVERDUE:
            message = overdue % {"date": _cn_date(due), "days": (today - due).days}
        else:
            message = due_soon % {"date": _cn_date(due), "days": (due - today).days}
        out.append(Due(assignment, assignment.reason, due.isoformat(), message))
    return out


def missing_reminders_due(today) -> list[Due]:
    """缺报 reminders for the last period already due, once per unit and period."""
    grace = settings.REPORT_GRACE_DAYS
    last_due = {cycle: deadlines.last_due_period(today, cycle, grace) for cycle in deadlines.CYCLES}
    in_last_period = Q()
    for cycle, period in last_due.items():
        in_last_period |= Q(task__cycle=cycle, task__assigned_on__lte=period.end)
    key = Case(*[When(task__cycle=cycle, then=Value(period.key)) for cycle, period in last_due.items()],
               default=Value(""), output_field=CharField())
    reported = ProgressReport.objects.filter(task=OuterRef("task"), unit=OuterRef("unit"),
                                             period_key=OuterRef("period_key"))
    rows = (
        _assignments()
        # The stored 缺报 state narrows the search to units that owe something at all (an indexed column).
        .filter(unit_missing_q(today), task__status__in=WORKING, task__deadline_kind__in=PERIODIC_KINDS)
        .filter(in_last_period)
        .annotate(period_key=key)
        .filter(~Exists(reported), _not_sent(ReminderReason.MISSING_REPORT, OuterRef("period_key")))
        .order_by("task_id", "order")
    )
    template = _("No progress report for %(period)s; it was due on %(date)s.")
    out = []
    for assignment in rows:
        period = last_due[assignment.task.cycle]
        message = template % {
            "period": period.label, "date": _cn_date(deadlines.report_due_date(period, grace))}
        out.append(Due(assignment, ReminderReason.MISSING_REPORT, period.key, message))
    return out


def send_automatic_reminders(due: list[Due]) -> list[Due]:
    """Write every reminder in `due`, with its notifications, timeline event and audit entry, in bulk.

    If another scan inserted one of them meanwhile (the unique key refuses the batch), fall back to one
    by one, each skipping what was already sent. Returns what was sent.
    """
    if not due:
        return []
    try:
        with transaction.atomic():
            _send_in_bulk(due)
        return due
    except IntegrityError:
        sent = []
        for item in due:
            if send_automatic_reminder(task=item.assignment.task, unit=item.assignment.unit, reason=item.reason,
                                       dedupe_key=item.dedupe_key, message=item.message):
                sent.append(item)
        return sent


def _send_in_bulk(due):
    accounts = defaultdict(list)
    for user in unit_accounts({item.assignment.unit_id for item in due}):
        accounts[user.unit_id].append(user)
    now = timezone.now()
    reminders = [Reminder(task=item.assignment.task, unit=item.assignment.unit, reason=item.reason,
                          dedupe_key=item.dedupe_key, message=item.message, sent_at=now) for item in due]
    for reminder in reminders:
        emails = sorted({user.email for user in accounts[reminder.unit_id] if user.email})
        reminder.emailed_to = ", ".join(emails)
    Reminder.objects.bulk_create(reminders, batch_size=1000)
    messages, events, entries = [], [], []
    labels = {reason: str(label) for reason, label in ReminderReason.choices}
    template = _("Reminder (%(reason)s): %(title)s — %(message)s")
    for item, reminder in zip(due, reminders, strict=True):
        task, unit = item.assignment.task, item.assignment.unit
        label = labels[item.reason]
        text = template % {"reason": label, "title": task.title, "message": item.message}
        messages.append(Notice(task=task, text=text, unit=unit, reminder=reminder, kind=MessageKind.REMINDER))
        event, entry = timeline_entry(task, EventKind.REMINDED, unit=unit, text=f"{label}：{item.message}")
        events.append(event)
        entries.append(entry)
    notify(messages)  # in-app rows and outbox rows (e-mail, robots, SMS) in a few inserts
    TaskEvent.objects.bulk_create(events, batch_size=1000)
    record_events(entries)


def _cn_date(day):
    return f"{day.year}年{day.month}月{day.day}日"
