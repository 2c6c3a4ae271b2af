"""On an item's page the unit's pending action says what is owed: the missing period preselected, the reason
it was sent back shown in the action card (which phones show first)."""

import datetime
import re

from django.utils import timezone

from tasks import services
from tasks.models import DeadlineKind, Origin, Task


def _item(world, **kwargs):
    office = world.user("office")
    task = services.create_task(by=office, origin=Origin.ADHOC, title="整治道路交通秩序",
                                lead_units=[world.unit("旗公安局")], **kwargs)
    services.assign(task=task, by=office)
    services.sign(task=task, by=world.user("gaj"))
    return task


def test_the_oldest_missing_period_is_preselected_and_named(world):
    task = _item(world, deadline_kind=DeadlineKind.LONG_TERM, cycle="quarterly")
    Task.objects.filter(pk=task.pk).update(assigned_on=timezone.localdate() - datetime.timedelta(days=400))
    page = world.client("gaj").get(f"/tasks/{task.pk}/").content.decode()
    owed = re.search(r'data-testid="owed-periods">(.*?)</div>', page, re.S).group(1)
    selected = re.search(r'<option value="([^"]+)" selected>([^<]+)</option>', page)
    assert selected, "a period is preselected"
    label = selected.group(2).removesuffix("（缺报）")  # the form marks owed periods
    assert label in owed and owed.index(label) < 30  # the oldest one, named first


def test_the_reason_it_was_sent_back_is_in_the_action_card(world):
    task = _item(world, due_date=timezone.localdate() + datetime.timedelta(days=30))
    services.request_closure(task=task, by=world.user("gaj"), summary="已完成")
    services.send_back(task=task, by=world.user("office"), reason="请附整治前后照片")
    page = world.client("gaj").get(f"/tasks/{task.pk}/").content.decode()
    card = page[page.index('data-primary="unit-actions"'):]
    assert "请附整治前后照片" in card[:card.index("</form>")]

    services.request_closure(task=task, by=world.user("gaj"), summary="已附照片")
    page = world.client("gaj").get(f"/tasks/{task.pk}/").content.decode()
    assert 'data-testid="sent-back-reason"' not in page  # asked again: the old reason is history
