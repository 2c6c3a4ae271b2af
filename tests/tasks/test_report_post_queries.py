"""A progress report posted from the item page reads the item once and writes what it always wrote."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tasks import report_state
from tasks.models import EventKind, Task, TaskUnit
from tasks.selectors import report_period_choices
from tests.tasks.builders import make_task


@pytest.mark.parametrize("units", [1, 30])
@pytest.mark.parametrize("kind", ["long_term", "date"])
def test_a_report_post_reads_the_item_once_and_records_everything(world, kind, units,
                                                                   django_assert_max_num_queries):
    """On SQLite 23 queries, 25 when the report moves the unit's 缺报 state, whatever the item's size (before, 28
    for an item of two units and one more per unit: the state was rewritten for every unit; now only the reporting
    unit's and the item's). The view reads the item once (the service reads it again under its lock, and its
    unit). On PostgreSQL each of the two audit entries also takes the audit chain's advisory lock
    (fuyuan.audit.chain): two more statements."""
    from django.db import connection

    from fuyuan.units.models import MemberUnit

    today = timezone.localdate()
    others = [name for name in MemberUnit.objects.exclude(name="旗公安局").order_by("pk")
              .values_list("name", flat=True)[:units]]
    long_term = kind == "long_term"
    task = make_task(world, "长期事项" if long_term else "限期事项", responsible=others,
                     due_in=None if long_term else 30, assigned_on=today - datetime.timedelta(days=200))
    periods = report_period_choices(task, today)
    if long_term:
        assert len(periods) >= 2
    first = {"period_key": periods[-1].key} if long_term else {}
    then = {"period_key": periods[-2].key} if long_term else {}  # the next owed period: the unit's end moves
    gaj = world.client("gaj")
    gaj.post(reverse("tasks:report", args=[task.pk]), {"text": "第一次", **first})  # signs, too
    events, audit = task.events.count(), _audit_entries()
    limit = {"long_term": 25, "date": 23}[kind] + (2 if connection.vendor == "postgresql" else 0)
    with django_assert_max_num_queries(limit):
        response = gaj.post(reverse("tasks:report", args=[task.pk]), {"text": "第二次进展", **then})
    assert response.status_code == 302
    assert task.reports.filter(text="第二次进展", **then).exists()
    assert list(task.events.order_by("-pk").values_list("kind", flat=True)[:1]) == [EventKind.REPORTED]
    assert task.events.count() == events + 1 and _audit_entries() > audit
    ends, task_end = report_state.computed_state(task)
    assert dict(TaskUnit.objects.filter(task=task).values_list("pk", "unreported_period_end")) == ends
    assert Task.objects.get(pk=task.pk).unreported_period_end == task_end


def _audit_entries():
    from auditlog.models import LogEntry

    return LogEntry.objects.count()
