"""The migration that makes ledger numbers unique renumbers existing rows safely before the constraint."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("tasks", "0002_plan_versions_unique_numbers"), ("meetings", "0002_meeting_types")]


@pytest.mark.django_db(transaction=True)
def test_existing_collisions_are_renumbered_and_the_constraint_then_holds():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Plan, Task = apps.get_model("tasks", "Plan"), apps.get_model("tasks", "Task")
    MeetingType, Meeting = apps.get_model("meetings", "MeetingType"), apps.get_model("meetings", "Meeting")
    Decision = apps.get_model("meetings", "Decision")

    def task(number, origin, plan=None):
        return Task.objects.create(title="事项", number=number, origin=origin, plan=plan, deadline_kind="none")

    first = Plan.objects.create(title="乌审旗方案", doc_number="乌政发〔2023〕9号", source_text="一、任务\n1. 甲")
    second = Plan.objects.create(title="焦作市方案", source_text="二")
    kept = [task("1", "plan", first), task("2", "plan", first)]
    moved = [task("1", "plan", second), task("2", "plan", second)]
    meeting_type = MeetingType.objects.get_or_create(name="全体联席会议")[0]
    meeting = Meeting.objects.create(type=meeting_type, title="全体会议", number=3,
                                     starts_at=datetime.datetime(2026, 3, 5, 9, tzinfo=datetime.UTC))
    decided = task("2026-1", "meeting")
    Decision.objects.create(meeting=meeting, number=1, text="议定", task=decided)
    adhoc = [task("", "adhoc"), task("", "adhoc"), task("2026-1", "adhoc")]

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    def number(row):
        return Task.objects.get(pk=row.pk).number

    assert [number(t) for t in kept] == ["1", "2"]
    assert [number(t) for t in moved] == ["焦作市方案-1", "焦作市方案-2"]
    assert number(decided) == "2026年第3次全体联席会议-1"
    assert [number(t) for t in adhoc] == ["临-1", "临-2", "2026-1"]
    assert Plan.objects.get(pk=first.pk).source_hash
    numbers = list(Task.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
