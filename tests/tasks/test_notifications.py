"""Notifications: the unread count in the navigation, opening one, and nobody else's."""

import re

from django.urls import reverse

from tasks.models import Notification
from tests.tasks.builders import make_task


def unread(client):
    match = re.search(r'data-testid="unread-count">(\d+)<', client.get(reverse("home")).content.decode())
    return int(match[1]) if match else 0


def test_assignment_raises_the_unread_count_and_opening_clears_it(world):
    task = make_task(world, "新交办事项")
    gaj = world.client("gaj")
    assert unread(gaj) == 1
    note = Notification.objects.get(user=world.user("gaj"))
    response = gaj.get(reverse("tasks:notification_open", args=[note.pk]))
    assert response["Location"] == reverse("tasks:detail", args=[task.pk])
    assert unread(gaj) == 0


def test_mark_all_read(world):
    make_task(world, "一")
    make_task(world, "二")
    gaj = world.client("gaj")
    assert unread(gaj) == 2
    gaj.post(reverse("tasks:notifications_read"))
    assert unread(gaj) == 0


def test_another_accounts_notification_is_not_found(world):
    make_task(world, "新交办事项")
    note = Notification.objects.get(user=world.user("gaj"))
    response = world.client("czj").get(reverse("tasks:notification_open", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None
