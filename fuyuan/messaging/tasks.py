"""The delivery run as a Django task (django.tasks): any backend runs it; a deferring backend schedules retries."""

import logging

from django.tasks import default_task_backend, task
from django.utils import timezone

from .worker import deliver_due, next_retry_at

logger = logging.getLogger(__name__)


@task()
def deliver_outbox():
    """Deliver everything due, then ask the backend to come back when the next retry is due."""
    counts = dict(deliver_due())
    retry_at = next_retry_at()
    if retry_at and retry_at > timezone.now() and default_task_backend.supports_defer:
        deliver_outbox.using(run_after=retry_at).enqueue()
    return counts


def _a_run_is_waiting() -> bool:
    """With the database queue: a delivery run not yet started will see rows committed before it starts."""
    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return False
    if not isinstance(deliver_outbox.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.ready().filter(task_path=deliver_outbox.module_path).exists()


def wake_worker():
    """Called after a commit that wrote outbox rows; a queue that is down must not fail the user's request."""
    try:
        # A scan commits each reminder on its own: one waiting run serves them all, not one run per reminder.
        if not _a_run_is_waiting():
            deliver_outbox.enqueue()
    except Exception:  # the cron `send_outbox` still delivers
        logger.exception("could not enqueue the outbox delivery")
