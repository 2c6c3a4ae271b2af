"""A progress report posted from the item page reads the item once and writes what it always wrote."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tasks.models import EventKind
from tasks.selectors import report_period_choices
from tests.tasks.builders import make_task


def test_a_report_post_reads_the_item_once_and_records_everything(world, django_assert_max_num_queries):
    """28 queries; before, 32: the view read the item and its units twice, and the unit's 缺报 for a form that was
    valid (the service reads the item again under its lock, and its unit). On PostgreSQL each of the two audit
    entries also takes the audit chain's advisory lock (fuyuan.audit.chain): two more statements."""
    from django.db import connection

    today = timezone.localdate()
    task = make_task(world, "长期事项", responsible=["旗财政局"], due_in=None,
                     assigned_on=today - datetime.timedelta(days=200))
    key = report_period_choices(task, today)[0].key
    gaj = world.client("gaj")
    gaj.post(reverse("tasks:report", args=[task.pk]), {"text": "第一次", "period_key": key})  # signs, too
    events, audit = task.events.count(), _audit_entries()
    with django_assert_max_num_queries(28 + (2 if connection.vendor == "postgresql" else 0)):
        response = gaj.post(reverse("tasks:report", args=[task.pk]), {"text": "第二次进展", "period_key": key})
    assert response.status_code == 302
    assert task.reports.filter(text="第二次进展", period_key=key).exists()
    assert list(task.events.order_by("-pk").values_list("kind", flat=True)[:1]) == [EventKind.REPORTED]
    assert task.events.count() == events + 1 and _audit_entries() > audit


def _audit_entries():
    from auditlog.models import LogEntry

    return LogEntry.objects.count()

