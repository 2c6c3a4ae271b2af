"""Linking a supervised item to the indicator that measures it (「出庭应诉率达到90%以上」 → 出庭应诉率)."""

from django.db import transaction
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role
from fuyuan.audit.services import record_event
from tasks.models import Task
from tasks.services import TransitionRefused


@transaction.atomic
def link_task(*, task, indicator, by, request=None) -> Task:
    """The office links (or, with indicator None, unlinks) an item; the item page then shows the live value."""
    if not has_role(by, Role.OFFICE):
        raise TransitionRefused(_("Only the office can link items to indicators."))
    task = Task.objects.select_for_update().get(pk=task.pk)
    before = task.indicator_id
    task.indicator = indicator
    task.save(update_fields=["indicator", "updated_at"])
    record_event("transition", request=request, actor=by, target=task,
                 detail={"transition": "indicator_linked", "task": task.pk, "indicator": [before, task.indicator_id]})
    return task
