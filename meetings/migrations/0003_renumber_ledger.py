"""Renumber the ledger so that every number is unique and tells its source (see tasks/numbering.py).

It lives in meetings because decisions need the meeting's session and type; it runs before the unique
constraint (tasks/0003). Plan items of the oldest plan keep their printed numbers; a later plan whose numbers
repeat is prefixed with its 文号 or title; decisions get 「2026年第3次全体联席会议-2」; ad hoc items without a
number get 临-N; anything still repeated gets 「（2）」…. Each change is kept in the item's timeline.
"""

import hashlib

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    from tasks.numbering import ADHOC_PREFIX, series_label

    Task = apps.get_model("tasks", "Task")
    Plan = apps.get_model("tasks", "Plan")
    Decision = apps.get_model("meetings", "Decision")
    TaskEvent = apps.get_model("tasks", "TaskEvent")

    for plan in Plan.objects.filter(source_hash=""):
        if plan.source_text:
            plan.source_hash = fingerprint(plan.source_text)
            plan.save(update_fields=["source_hash"])

    wanted = {}  # task pk → new number
    for decision in Decision.objects.filter(task__isnull=False).select_related("meeting__type", "meeting__group"):
        meeting = decision.meeting
        label = series_label(type_name=meeting.type.name, group_name=meeting.group.name if meeting.group_id else "",
                             session=meeting.number, day=timezone.localdate(meeting.starts_at))
        wanted[decision.task_id] = f"{label}-{decision.number}"
    used = set()
    for plan in Plan.objects.order_by("pk"):
        tasks = list(Task.objects.filter(plan=plan, origin="plan").exclude(number="").order_by("pk"))
        if any(task.number in used for task in tasks):
            prefix = (plan.doc_number or plan.title[:20] or f"方案{plan.pk}")[:40]
            for task in tasks:
                wanted[task.pk] = f"{prefix}-{task.number}"
        used.update(wanted.get(task.pk, task.number) for task in tasks)
    adhoc = 0
    for task in Task.objects.filter(origin="adhoc", number="").order_by("pk"):
        adhoc += 1
        wanted[task.pk] = f"{ADHOC_PREFIX}{adhoc}"

    seen = set()
    for task in Task.objects.order_by("pk"):
        number = wanted.get(task.pk, task.number)[:60]
        candidate, n = number, 2
        while candidate and candidate in seen:
            candidate = f"{number[:55]}（{n}）"
            n += 1
        seen.add(candidate)
        if candidate != task.number:
            TaskEvent.objects.create(task=task, kind="edited", text=f"编号 {task.number or '—'} → {candidate}",
                                     status_before=task.status, status_after=task.status)
            Task.objects.filter(pk=task.pk).update(number=candidate)


def fingerprint(text):
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_meeting_types"),
        ("tasks", "0002_plan_versions_unique_numbers"),
    ]
    run_before = [("tasks", "0003_task_number_unique")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
