"""What the office reads: messages with their deliveries, per item and per unit; the open escalations."""

from django.db.models import Count, Max, Min, Prefetch, Q, Window

from fuyuan.lib.sql import placeholders, statement

from .models import Delivery, DeliveryStatus, Escalation, Message


def messages_with_deliveries():
    """Messages newest first, each with its deliveries and first delivery time, in three queries."""
    return (Message.objects.select_related("unit", "read_by")
            .annotate(delivered_at=Min("deliveries__sent_at"))
            .prefetch_related(Prefetch("deliveries", queryset=Delivery.objects.order_by("channel", "pk"))))


def item_messages(task_id):
    """Every message about one item, oldest first."""
    return messages_with_deliveries().filter(task_id=task_id).order_by("created_at", "pk")


def latest_item_messages(task_id, limit):
    """The latest `limit` messages about one item, oldest first, and how many there are in all, in two queries.

    For the item's page, which prints a few columns: each message as a dict of them (`unit_name`, `read_by` as
    names), with its `deliveries` (dicts, by channel) and `delivered_at`, the first time a channel accepted it.
    On every office visit to an item: the messages' query is compiled once per process, the deliveries' (an IN
    list of the messages) is a plain statement.
    """
    from fuyuan.lib.sql import fetch_as

    names = ("pk", "kind", "created_at", "read_at", "read_via", "unit__name", "read_by__full_name",
             "read_by__username", "total")
    fields = (None, None, Message._meta.get_field("created_at"), Message._meta.get_field("read_at"))
    latest = [dict(zip(names, row, strict=True)) for row in fetch_as(*_latest_messages(limit)(task_id), fields)][::-1]
    total = latest[0]["total"] if latest else 0
    deliveries = {message["pk"]: [] for message in latest}
    if latest:
        columns = ("message_id", "channel", "address", "label", "status", "attempts", "sent_at")
        sql = statement(_DELIVERIES, d=Delivery).replace("{ids}", placeholders(deliveries))
        for row in fetch_as(sql, list(deliveries), (None,) * 6 + (Delivery._meta.get_field("sent_at"),)):
            delivery = dict(zip(columns, row, strict=True))
            deliveries[delivery["message_id"]].append(delivery)
    for message in latest:
        message["deliveries"] = deliveries[message["pk"]]
        message["delivered_at"] = min((d["sent_at"] for d in message["deliveries"] if d["sent_at"]), default=None)
        full_name, username = message.pop("read_by__full_name"), message.pop("read_by__username")
        message["read_by"] = full_name or username or ""  # as the account prints (User.__str__)
    return latest, total


# Delivery.objects.filter(message_id__in=…).order_by("channel", "pk").values(…); {ids}: the IN list's %s.
_DELIVERIES = ("SELECT {d.message}, {d.channel}, {d.address}, {d.label}, {d.status}, {d.attempts}, {d.sent_at} "
               "FROM {d} WHERE {d.message} IN ({{ids}}) ORDER BY {d.channel}, {d.id}")
_latest_queries = {}


def _latest_messages(limit):
    """The latest `limit` messages' query (with their count), compiled once per process for each limit."""
    if limit not in _latest_queries:
        from fuyuan.lib.sql import compiled_once

        def latest_messages(task_id):
            return (Message.objects.filter(task_id=task_id).annotate(total=Window(Count("*")))
                    .order_by("-created_at", "-pk").values_list(
                        "pk", "kind", "created_at", "read_at", "read_via", "unit__name", "read_by__full_name",
                        "read_by__username", "total")[:limit])

        _latest_queries[limit] = compiled_once(latest_messages)
    return _latest_queries[limit]


def per_unit_summary(messages):
    """Per unit: messages sent, delivered (a channel accepted one), read, and the latest times."""
    return (messages.filter(unit__isnull=False).order_by().values("unit__name")
            .annotate(sent=Count("pk", distinct=True),
                      delivered=Count("pk", distinct=True, filter=Q(deliveries__status=DeliveryStatus.SENT)),
                      read=Count("pk", distinct=True, filter=Q(read_at__isnull=False)),
                      last_sent=Max("created_at"), last_read=Max("read_at"))
            .order_by("unit__name"))


def open_escalations():
    return (Escalation.objects.filter(handled_at__isnull=True)
            .select_related("reminder_message__unit", "message").order_by("created_at", "pk"))
