"""The daily deadline scan: automatic 催办 for 临期, 逾期 and 缺报, each sent at most once."""

import dataclasses
import datetime

from django.conf import settings
from django.dispatch import Signal
from django.utils.translation import gettext as _

from . import deadlines
from .models import DeadlineKind, ProgressReport, ReminderReason, Status, TaskUnit
from .services import send_automatic_reminder


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


def scan_deadlines(today: datetime.date, warn_days: int | None = None) -> ScanResult:
    """Send the reminders due on `today`; running it again the same day (or any later day) repeats none."""
    warn_days = settings.DUE_SOON_DAYS if warn_days is None else warn_days
    result = ScanResult()
    # A closure request stops the clock, so only items still being worked on are chased.
    working = (Status.ASSIGNED, Status.IN_PROGRESS)
    dated = (
        TaskUnit.objects.filter(task__status__in=working, task__deadline_kind=DeadlineKind.DATE,
                                task__due_date__lte=deadlines.add_days(today, warn_days))
        .select_related("task", "unit")
        .order_by("task__due_date", "task_id", "order")
    )
    for assignment in dated:
        task = assignment.task
        if task.due_date < today:
            reason = ReminderReason.OVERDUE
            message = _("This item was due on %(date)s and is %(days)s days overdue.") % {
                "date": _cn_date(task.due_date), "days": (today - task.due_date).days}
        else:
            reason = ReminderReason.DUE_SOON
            message = _("This item is due on %(date)s, in %(days)s days.") % {
                "date": _cn_date(task.due_date), "days": (task.due_date - today).days}
        # Keyed by the due date: an approved extension earns a fresh reminder for the new date.
        if send_automatic_reminder(task=task, unit=assignment.unit, reason=reason,
                                   dedupe_key=task.due_date.isoformat(), message=message):
            if reason == ReminderReason.OVERDUE:
                result.overdue += 1
            else:
                result.due_soon += 1
    result.missing_report = _scan_missing_reports(today, working)
    result.other = sum(sent or 0 for _receiver, sent in deadline_scan.send(ScanResult, today=today,
                                                                          warn_days=warn_days))
    return result


def _scan_missing_reports(today, working):
    sent = 0
    grace = settings.REPORT_GRACE_DAYS
    periodic = (
        TaskUnit.objects.filter(task__status__in=working,
                                task__deadline_kind__in=(DeadlineKind.LONG_TERM, DeadlineKind.PERIODIC),
                                task__assigned_on__isnull=False)
        .exclude(task__cycle="")
        .select_related("task", "unit")
        .order_by("task_id", "order")
    )
    last_due = {cycle: deadlines.last_due_period(today, cycle, grace) for cycle in deadlines.CYCLES}
    reported = set(
        ProgressReport.objects.filter(period_key__in=[p.key for p in last_due.values()])
        .values_list("task_id", "unit_id", "period_key")
    )
    for assignment in periodic:
        task = assignment.task
        period = last_due[task.cycle]
        if task.assigned_on > period.end or (task.pk, assignment.unit_id, period.key) in reported:
            continue
        message = _("No progress report for %(period)s; it was due on %(date)s.") % {
            "period": period.label, "date": _cn_date(deadlines.report_due_date(period, grace))}
        if send_automatic_reminder(task=task, unit=assignment.unit, reason=ReminderReason.MISSING_REPORT,
                                   dedupe_key=period.key, message=message):
            sent += 1
    return sent


def _cn_date(day):
    return f"{day.year}年{day.month}月{day.day}日"
