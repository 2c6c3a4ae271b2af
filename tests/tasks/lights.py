"""Items made through the services on the clock's day (tests/tasks/conftest.py), and what the ledger shows of them."""

import re

from tasks import services
from tasks.models import DeadlineKind, Origin, Task


def item(world, title, due_date=None, lead="旗公安局", assign=True):
    """An item led by 公安局 (liaison gaj) and made through the services on the clock's day."""
    office = world.user("office")
    kind = DeadlineKind.DATE if due_date else DeadlineKind.LONG_TERM
    task = services.create_task(by=office, origin=Origin.ADHOC, title=title, lead_units=[world.unit(lead)],
                                responsible_units=[world.unit("旗财政局")], deadline_kind=kind, due_date=due_date)
    if assign:
        services.assign(task=task, by=office)
    return Task.objects.get(pk=task.pk)


def ledger_lights(response):
    """{task id: the light its row shows} on a ledger page."""
    html = response.content.decode()
    return {int(pk): light for pk, light in
            re.findall(r'<tr data-task="(\d+)".*?data-light="(\w+)"', html, flags=re.DOTALL)}


def stored(task):
    """The item's stored light and the day it next turns, read fresh."""
    task = Task.objects.get(pk=task.pk)
    return task.stored_light, task.light_changes_on
