"""临期 for hearings: the daily scan chases a hearing within DUE_SOON_DAYS with no head reported, once."""

import datetime

from django.urls import reverse

from tasks.models import Notification
from tasks.scanning import scan_deadlines

from .builders import case

TODAY = datetime.date(2026, 5, 10)


def days(n):
    return TODAY + datetime.timedelta(days=n)


def test_a_hearing_due_soon_without_a_head_is_chased_once(world, settings):
    settings.DUE_SOON_DAYS = 7
    due = case(world, filed=days(-60), hearings=[(days(5), "")])
    case(world, filed=days(-60), hearings=[(days(3), "deputy")])  # reported: not chased
    case(world, filed=days(-60), hearings=[(days(20), "")])  # not yet due soon
    case(world, filed=days(-60), defendant="旗住建局", hearings=[(days(-2), "")])  # held: the court's record now
    result = scan_deadlines(TODAY)
    assert result.other == 1
    notes = Notification.objects.filter(user=world.user("gaj"))
    assert [n.text for n in notes] == [
        f"{due.number} 将于2026年5月15日开庭（5天后），请旗公安局报备出庭负责人。"]
    assert scan_deadlines(TODAY).other == 0
    assert scan_deadlines(days(1)).other == 0  # never twice for the same hearing date


def test_a_postponed_hearing_is_chased_again(world):
    made = case(world, filed=days(-60), hearings=[(days(5), "")])
    scan_deadlines(TODAY)
    made.hearings.update(held_on=days(9))
    assert scan_deadlines(days(4)).other == 1


def test_the_hearing_list_shows_the_lights(world):
    from django.utils import timezone

    today = timezone.localdate()
    case(world, filed=today - datetime.timedelta(days=60), hearings=[
        (today + datetime.timedelta(days=2), ""), (today - datetime.timedelta(days=2), ""),
        (today + datetime.timedelta(days=30), ""), (today - datetime.timedelta(days=9), "principal")])
    html = world.client("gaj").get(reverse("cases:hearings")).content.decode()
    for light in ("due_soon", "overdue", "on_track", "closed_on_time"):
        assert f'data-light="{light}"' in html
    due_soon = world.client("gaj").get(reverse("cases:hearings") + "?attendance=due_soon").content.decode()
    assert 'data-count="1"' in due_soon
