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


def scan(today) -> tuple[float, int, float, int]:
    """The daily scan over every obligation: (seconds, reminders sent) for a first and a second run."""
    from tasks.models import TaskUnit
    from tasks.scanning import scan_deadlines

    obligations = TaskUnit.objects.count()
    started = time.perf_counter()
    first = scan_deadlines(today).total
    first_time = time.perf_counter() - started
    started = time.perf_counter()
    second = scan_deadlines(today).total
    return obligations, first_time, first, time.perf_counter() - started, second


def import_export_xlsx(office, today) -> int:
    """django-import-export writing the same columns from the same rows (its ModelResource, xlsx): bytes written."""
    from import_export import fields, resources

    from tasks import deadlines
    from tasks.models import Task
    from tasks.selectors import lead_units, ledger_tasks, responsible_units

    class LedgerResource(resources.ModelResource):
        category = fields.Field(attribute="category__title")
        lead = fields.Field()
        responsible = fields.Field()
        deadline = fields.Field(attribute="deadline_display")
        status_label = fields.Field(attribute="get_status_display")
        light_label = fields.Field()
        progress = fields.Field(attribute="latest_progress")
        origin_label = fields.Field(attribute="get_origin_display")

        class Meta:
            model = Task
            fields = ("number", "category", "title", "lead", "responsible", "deadline", "status_label",
                      "light_label", "progress", "closed_on", "origin_label")
            export_order = fields

        def dehydrate_lead(self, task):
            return "、".join(unit.name for unit in lead_units(task))

        def dehydrate_responsible(self, task):
            return "、".join(unit.name for unit in responsible_units(task))

        def dehydrate_light_label(self, task):
            return str(deadlines.light_label(task.light))

    dataset = LedgerResource().export(queryset=ledger_tasks(office, today).order_by("sort_key", "pk"))
    stream = io.BytesIO(dataset.export("xlsx"))
    return len(stream.getvalue())
