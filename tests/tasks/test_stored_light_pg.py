"""The stored lights' catch-up with real row locks: two servers at once, and a row another transaction holds."""

import threading

from django.db import connection, transaction
from django.urls import reverse

from tasks import deadlines, light_state
from tasks.models import Task
from tests.tasks.concurrency import RACING, race
from tests.tasks.lights import item, ledger_lights, stored

pytestmark = RACING


def test_two_servers_catching_up_at_once_both_read_todays_lights(world, clock):
    made = [item(world, f"事项{n}", due_date=clock.day(n)) for n in range(1, 12)]
    clock.move(8)
    assert race(lambda: light_state.current(clock.today), lambda: light_state.current(clock.today)) == [True, True]
    for task in made:
        task.refresh_from_db()
        assert stored(task)[0] == task.light_today(clock.today)


def test_a_row_held_by_a_transaction_is_shown_right_without_waiting_for_it(world, clock, monkeypatch):
    monkeypatch.setattr(light_state, "CATCH_UP_LOCK_TIMEOUT", "200ms")
    held = item(world, "三日内完成", due_date=clock.day(3))
    clock.move(4)  # red today, stored green-then-yellow: behind
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                Task.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(timeout=20)
        response = world.client("office").get(reverse("tasks:ledger"))
        assert response.status_code == 200
        assert ledger_lights(response) == {held.pk: deadlines.OVERDUE}  # computed this time
        assert stored(held)[0] == deadlines.DUE_SOON  # not caught up: the row was held
    finally:
        release.set()
        holder.join(timeout=30)
    world.client("office").get(reverse("tasks:ledger"))
    assert stored(held) == (deadlines.OVERDUE, None)  # the next reader catches up
