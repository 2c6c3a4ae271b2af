"""Measurements bench_ledger adds beyond the pages: plan confirmation, the daily scan, export peers.

Each returns plain numbers; bench_ledger prints them next to their floors, measured in the same run.
"""

import datetime
import io
import time

from django.db import transaction


class _Rollback(Exception):
    pass


def plan_confirmation(office, n_tasks=1000, units_per_task=3) -> float:
    """Seconds to confirm a plan of `n_tasks` items (assigned at once), rolled back afterwards."""
    from fuyuan.units.models import MemberUnit
    from tasks.bulk_create import NewTask, create_tasks
    from tasks.models import Origin, Plan
    from tasks.numbering import plan_numbers

    units = list(MemberUnit.objects.order_by("pk")[:20])
    today = datetime.date.today()
    started = time.perf_counter()
    try:
        with transaction.atomic():
            plan = Plan.objects.create(title="基准测试方案（确认导入）")
            # Numbered as import_plan numbers them: the ledger's numbers are unique, the printed 1, 2, 3… taken.
            numbers = plan_numbers(plan, [str(i + 1) for i in range(n_tasks)])
            create_tasks([NewTask(title=f"方案事项{i}", origin=Origin.PLAN, plan=plan, number=numbers[i],
                                  lead_units=[units[i % len(units)]],
                                  responsible_units=[units[(i + k) % len(units)] for k in range(1, units_per_task)],
                                  due_date=today + datetime.timedelta(days=30 + i % 200))
                          for i in range(n_tasks)], by=office, assign_on=today)
            elapsed = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return elapsed


def plan_floor(n_tasks=1000, units_per_task=3) -> float:
    """The floor for plan_confirmation: inserting the same items and unit rows alone (no numbers, checks, events,
    audit entries or messages), one bulk_create each, rolled back; in seconds."""
    from fuyuan.units.models import MemberUnit
    from tasks.models import Origin, Plan, Status, Task, TaskUnit, UnitRole

    units = list(MemberUnit.objects.order_by("pk")[:20])
    today = datetime.date.today()
    started = time.perf_counter()
    try:
        with transaction.atomic():
            plan = Plan.objects.create(title="基准测试方案（下限）")
            tasks = Task.objects.bulk_create(
                [Task(title=f"方案事项{i}", origin=Origin.PLAN, plan=plan, number=f"floor-{i + 1}",
                      sort_key=f"floor-{i + 1}", due_date=today + datetime.timedelta(days=30 + i % 200),
                      status=Status.ASSIGNED, assigned_on=today) for i in range(n_tasks)], batch_size=500)
            TaskUnit.objects.bulk_create(
                [TaskUnit(task=task, unit=units[(i + k) % len(units)], order=k,
                          role=UnitRole.LEAD if k == 0 else UnitRole.RESPONSIBLE)
                 for i, task in enumerate(tasks) for k in range(units_per_task)], batch_size=1000)
            elapsed = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return elapsed


def scan(today) -> tuple[float, int, float, int]:
    """The daily scan over every obligation: (seconds, reminders sent) for a first and a second run (rolled back)."""
    from tasks.models import TaskUnit
    from tasks.scanning import scan_deadlines

    obligations = TaskUnit.objects.count()
    try:
        # Rolled back, so a later figure (the scan at scale) starts from nothing sent.
        with transaction.atomic():
            started = time.perf_counter()
            first = scan_deadlines(today).total
            first_time = time.perf_counter() - started
            started = time.perf_counter()
            second = scan_deadlines(today).total
            second_time = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return obligations, first_time, first, second_time, second


def import_export_xlsx(office, today) -> bytes:
    """django-import-export writing the export's rows and columns (its ModelResource, xlsx): the file.

    The same queryset the export reads (the office's ledger in the page's order, units prefetched), read in
    chunks of the export's size (its default of 100 would page through the sorted rows 100 at a time), dates
    kept as dates as its admin keeps them for xlsx (force_native_type).
    """
    from import_export import fields, resources

    from tasks import deadlines
    from tasks.excel import CHUNK_SIZE
    from tasks.exports import ledger_export_rows
    from tasks.models import Task
    from tasks.selectors import lead_units, responsible_units

    class LedgerResource(resources.ModelResource):
        category = fields.Field(attribute="category__title")
        lead = fields.Field()
        responsible = fields.Field()
        note = fields.Field()
        status_label = fields.Field(attribute="get_status_display")
        light_label = fields.Field()
        progress = fields.Field(attribute="latest_progress")
        origin_label = fields.Field(attribute="get_origin_display")

        class Meta:
            model = Task
            fields = ("number", "category", "title", "lead", "responsible", "due_date", "note", "status_label",
                      "light_label", "progress", "closed_on", "origin_label")
            export_order = fields
            chunk_size = CHUNK_SIZE

        def dehydrate_lead(self, task):
            return "、".join(unit.name for unit in lead_units(task))

        def dehydrate_responsible(self, task):
            return "、".join(unit.name for unit in responsible_units(task))

        def dehydrate_note(self, task):
            return "" if task.due_date and not task.deadline_text else str(task.deadline_display)

        def dehydrate_light_label(self, task):
            return str(deadlines.light_label(task.light))

    dataset = LedgerResource().export(queryset=ledger_export_rows(office, "", today), force_native_type=True)
    return dataset.export("xlsx")


# ---------------------------------------------------------------- the daily scan at a given number of obligations

def add_obligations(target: int, units_per_task: int = 5) -> int:
    """Add items (each with `units_per_task` units) until there are `target` unit obligations; returns the count.

    Mirrors bench_ledger's world: a quarter long-term (reported quarterly, some periods unreported), the rest
    dated from 30 days overdue to 60 days ahead; a fifth closed or awaiting closure.
    """
    from django.utils import timezone

    from fuyuan.accounts.models import User
    from fuyuan.units.models import MemberUnit
    from tasks import report_state
    from tasks.models import Plan, ProgressReport, Status, Task, TaskUnit, UnitRole

    existing = TaskUnit.objects.count()
    missing = max(0, target - existing)
    n_tasks = -(-missing // units_per_task)
    if not n_tasks:
        return existing
    units = list(MemberUnit.objects.order_by("pk"))
    office = User.objects.order_by("pk").first()
    plan = Plan.objects.create(title="基准测试方案（扫描）")
    today = timezone.localdate()
    statuses = [Status.ASSIGNED, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED, Status.CLOSED]
    first = Task.objects.count() + 1
    tasks = []
    for i in range(n_tasks):
        kind = "long_term" if i % 4 == 0 else "date"
        status = statuses[i % len(statuses)]
        tasks.append(Task(
            origin="plan", plan=plan, number=f"S{first + i}", sort_key=f"S{first + i:07d}",
            title=f"扫描事项{first + i}：推进行政争议实质性化解工作", deadline_kind=kind,
            due_date=today + datetime.timedelta(days=(i % 90) - 30) if kind == "date" else None,
            cycle="quarterly" if kind == "long_term" else "", status=status,
            assigned_on=today - datetime.timedelta(days=200),
            closed_on=today if status == Status.CLOSED else None))
    for task in tasks:
        task.compute_stored_light()  # what save() would have stored
    Task.objects.bulk_create(tasks, batch_size=2000)
    links, reports = [], []
    now = timezone.now()
    for index, task in enumerate(tasks):
        for position in range(units_per_task):
            unit = units[(index + position * 7) % len(units)]
            links.append(TaskUnit(task=task, unit=unit, role=UnitRole.LEAD if position == 0 else UnitRole.RESPONSIBLE,
                                  order=position, signed_at=now))
            if task.cycle and (index + position) % 3:
                reports.append(ProgressReport(task=task, unit=unit, text="已完成阶段性工作。",
                                              period_key=f"{today.year}-Q1", submitted_by=office, submitted_at=now))
    TaskUnit.objects.bulk_create(links, batch_size=5000)
    ProgressReport.objects.bulk_create(reports, batch_size=5000)
    report_state.refresh_all(Task.objects.filter(plan=plan))
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return TaskUnit.objects.count()


def reminder_floor(n: int) -> float:
    """The floor for a scan that sends `n`: one bulk_create of `n` reminder rows alone (rolled back), in seconds."""
    from django.utils import timezone

    from tasks.models import Reminder, ReminderReason, TaskUnit

    pairs = list(TaskUnit.objects.order_by("pk").values_list("task_id", "unit_id")[:n])
    now = timezone.now()
    rows = [Reminder(task_id=task_id, unit_id=unit_id, reason=ReminderReason.OVERDUE, dedupe_key="floor",
                     message="此事项已逾期。", sent_at=now) for task_id, unit_id in pairs]
    started = time.perf_counter()
    try:
        with transaction.atomic():
            Reminder.objects.bulk_create(rows, batch_size=1000)
            elapsed = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return elapsed


def count_floor() -> float:
    """The floor for a scan with nothing new: one COUNT over the obligations, in seconds."""
    from tasks.models import TaskUnit

    started = time.perf_counter()
    TaskUnit.objects.count()
    return time.perf_counter() - started


def scan_three_ways(today):
    """((seconds, sent), …) for the first scan ever, the same scan again, and the next day's; rolled back."""
    from tasks.scanning import scan_deadlines

    def timed(day):
        started = time.perf_counter()
        sent = scan_deadlines(day).total
        return time.perf_counter() - started, sent

    try:
        with transaction.atomic():
            first, second, next_day = timed(today), timed(today), timed(today + datetime.timedelta(days=1))
            raise _Rollback
    except _Rollback:
        pass
    return first, second, next_day


def ledger_import(office, today, n_rows=1000) -> tuple[int, float, float]:
    """The ledger's Excel import of `n_rows` rows (the export read back): (rows, seconds to read and check,
    seconds to write them as assigned items), rolled back."""
    from tasks import excel_import
    from tasks.excel import write_ledger
    from tasks.selectors import ledger_tasks

    stream = io.BytesIO()
    write_ledger(ledger_tasks(office, today).order_by("sort_key", "pk")[:n_rows], stream, today)
    started = time.perf_counter()
    rows, errors = excel_import.validate(excel_import.read_rows(stream.getvalue()))
    read_time = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"the benchmark's workbook does not import: {errors[:3]}")
    started = time.perf_counter()
    try:
        with transaction.atomic():
            excel_import.import_tasks(rows=rows, by=office, name="基准测试台账", assign_now=True)
            write_time = time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    return len(rows), read_time, write_time
