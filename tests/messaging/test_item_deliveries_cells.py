"""The item page writes its messages' cells from values made once: they read as the messages page's includes."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from fuyuan.messaging.models import Delivery, Message
from fuyuan.messaging.selectors import item_messages
from tasks import services
from tests.tasks.builders import make_task


def test_the_item_pages_cells_are_the_shared_includes(world):
    task = make_task(world, "回执一致", responsible=["旗财政局"])
    services.remind(task=task, by=world.user("office"), message="请尽快报送")
    sent = timezone.now() - datetime.timedelta(hours=3)
    message = Message.objects.filter(task_id=task.pk, kind="reminder").order_by("pk").first()
    Delivery.objects.create(message=message, channel="sms", address="13812345678", label="联络员<甲>",
                            status="sent", attempts=1, sent_at=sent)
    Delivery.objects.create(message=message, channel="wecom", address="https://qyapi.example/hook?key=secret",
                            label="单位群", status="failed", attempts=3)
    Message.objects.filter(pk=message.pk).update(read_at=sent, read_by=world.user("gaj"), read_via="link")

    page = world.client("office").get(reverse("tasks:detail", args=[task.pk])).content.decode()

    shown = list(item_messages(task.pk))  # as the messages page reads them, after the office's visit
    assert len(shown) >= 3
    for each in shown:
        for include in ("messaging/_deliveries_cell.html", "messaging/_read_cell.html"):
            cell = render_to_string(include, {"message": each})
            assert f"<td>{cell}</td>" in page, (include, cell)
    assert page.count('data-testid="delivery-sms-sent"') == 1 and "138****5678" in page and "secret" not in page
