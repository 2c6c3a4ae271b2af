"""The migration that adds the stored light computes it for the items already there."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tasks import deadlines
from tasks.models import LightState, Task

BEFORE = [("tasks", "0008_remove_single_attachment_fields")]


@pytest.mark.django_db(transaction=True)
def test_existing_items_get_their_stored_light(settings):
    settings.DUE_SOON_DAYS = 7
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    OldTask = executor.loader.project_state(BEFORE).apps.get_model("tasks", "Task")
    today = timezone.localdate()

    def day(offset):
        return today + datetime.timedelta(days=offset)

    def task(title, **fields):
        return OldTask.objects.create(title=title, status=fields.pop("status", "in_progress"), **fields).pk

    made = {
        "overdue": task("逾期", deadline_kind="date", due_date=day(-1)),
        "soon": task("临期", deadline_kind="date", due_date=day(3)),
        "fine": task("正常", deadline_kind="date", due_date=day(30)),
        "late": task("逾期办结", deadline_kind="date", due_date=day(-5), status="closed",
                     closure_requested_on=day(-2), closed_on=day(-1)),
        "long_term": task("长期", deadline_kind="long_term", cycle="quarterly"),
    }

    MigrationExecutor(connection).migrate(latest)

    stored = {name: Task.objects.filter(pk=pk).values_list("stored_light", "stored_light_order", "light_changes_on")
              .get() for name, pk in made.items()}
    assert stored == {
        "overdue": (deadlines.OVERDUE, 0, None),
        "soon": (deadlines.DUE_SOON, 1, day(4)),
        "fine": (deadlines.ON_TRACK, 2, day(23)),
        "late": (deadlines.CLOSED_LATE, 5, None),
        "long_term": (deadlines.NO_DEADLINE, 3, None),
    }
    state = LightState.objects.get()
    assert (state.warn_days, state.caught_up_on) == (7, today)
