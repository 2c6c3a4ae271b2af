"""The item page's messages table, written in Python (item_rows_html), prints what its template loop printed."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from fuyuan.messaging.models import Delivery, Message
from fuyuan.messaging.templatetags.messaging import item_deliveries, item_rows_html
from tasks import services
from tests.tasks.builders import make_task

# The loop _item_deliveries.html had, over the values item_deliveries makes.
LOOP = """{% load i18n %}{% for message in messages %}<tr>
<td>{{ message.created }}</td><td>{{ message.unit_name }}</td><td>{{ message.kind_label }}</td>{# then the cells of _deliveries_cell.html and _read_cell.html (the messages page's) from values made once #}
<td>{% for d in message.deliveries %}<span class="badge {{ d.badge }} me-1" title="{{ d.label }} {{ d.masked }} · {{ d.status_label }}{% if d.sent %} {{ d.sent }}{% endif %} · {% blocktranslate count n=d.attempts %}{{ n }} attempt{% plural %}{{ n }} attempts{% endblocktranslate %}" data-testid="delivery-{{ d.channel }}-{{ d.status }}">{{ d.channel_label }} {{ d.status_label }}</span>{% empty %}<span class="text-muted small">{% translate "in the app only" %}</span>{% endfor %}
</td>
<td>{{ message.delivered }}</td>
<td>{% if message.read %}<span class="text-success" data-testid="read">{{ message.read }}</span> <span class="small text-muted">{{ message.read_by }} · {% if message.read_via == "link" %}{% translate "link in the message" %}{% else %}{% translate "opened in the app" %}{% endif %}</span>{% else %}<span class="text-danger" data-testid="unread">{% translate "unread" %}</span>{% endif %}
</td></tr>{% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_messages_rows_print_as_the_template_loop_did(world, language):
    task = make_task(world, "回执 <一致> & \"引号\"", responsible=["旗财政局"])
    services.remind(task=task, by=world.user("office"), message="请尽快报送")
    services.remind(task=task, by=world.user("office"), message="再次提醒")
    sent = timezone.now() - datetime.timedelta(hours=3)
    first, second, *_ = Message.objects.filter(task_id=task.pk, kind="reminder").order_by("pk")
    Delivery.objects.create(message=first, channel="sms", address="13812345678", label="联络员<甲> & \"乙\"",
                            status="sent", attempts=1, sent_at=sent)
    Delivery.objects.create(message=first, channel="wecom", address="https://qyapi.example/hook?key=secret",
                            label="单位群", status="failed", attempts=3)
    Delivery.objects.create(message=second, channel="email", address="a@example.com", label="", status="pending",
                            attempts=0)
    Message.objects.filter(pk=first.pk).update(read_at=sent, read_by=world.user("gaj"), read_via="link")
    Message.objects.filter(pk=second.pk).update(read_at=sent, read_by=world.user("czj"), read_via="app")
    with translation.override(language):
        messages = item_deliveries(task)["messages"]
        assert len(messages) >= 3 and any(not m["deliveries"] for m in messages) and any(not m["read"]
                                                                                          for m in messages)
        expected = Template(LOOP).render(Context({"messages": messages}))
        assert item_rows_html(messages) == expected
    assert "138****5678" in expected and "secret" not in expected and "&lt;甲&gt; &amp; &quot;乙&quot;" in expected
