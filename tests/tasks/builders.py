"""Building tasks for page tests through the services, as the office and units would."""

import datetime

from django.utils import timezone

from tasks import services
from tasks.models import DeadlineKind, Origin


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def make_task(world, title="测试事项", lead="旗公安局", responsible=(), due_in=30, assign=True, assigned_on=None,
              **kwargs):
    """An item led by `lead` (printed name) and due in `due_in` days (None: long-term, quarterly)."""
    office = world.user("office")
    if due_in is None:
        kwargs.setdefault("deadline_kind", DeadlineKind.LONG_TERM)
        kwargs.setdefault("cycle", "quarterly")
    else:
        kwargs.setdefault("due_date", days(due_in))
    task = services.create_task(by=office, origin=kwargs.pop("origin", Origin.ADHOC), title=title,
                                lead_units=[world.unit(lead)],
                                responsible_units=[world.unit(name) for name in responsible], **kwargs)
    if assign:
        services.assign(task=task, by=office, today=assigned_on)
    task.refresh_from_db()
    return task
