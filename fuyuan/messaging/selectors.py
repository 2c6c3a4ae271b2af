"""What the office reads: messages with their deliveries, per item and per unit; the open escalations."""

from django.db.models import Count, Max, Min, Prefetch, Q, Window

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
    """
    names = ("pk", "kind", "created_at", "read_at", "read_via", "unit__name", "read_by__full_name",
             "read_by__username", "total")
    latest = [dict(zip(names, row, strict=True)) for row in (
        Message.objects.filter(task_id=task_id).annotate(total=Window(Count("*")))
        .order_by("-created_at", "-pk").values_list(*names[:-1], "total")[:limit])][::-1]
    total = latest[0]["total"] if latest else 0
    deliveries = {message["pk"]: [] for message in latest}
    if latest:
        for delivery in (Delivery.objects.filter(message_id__in=deliveries).order_by("channel", "pk")
                         .values("message_id", "channel", "address", "label", "status", "attempts", "sent_at")):
            deliveries[delivery["message_id"]].append(delivery)
    for message in latest:
        message["deliveries"] = deliveries[message["pk"]]
        message["delivered_at"] = min((d["sent_at"] for d in message["deliveries"] if d["sent_at"]), default=None)
        full_name, username = message.pop("read_by__full_name"), message.pop("read_by__username")
        message["read_by"] = full_name or username or ""  # as the account prints (User.__str__)
    return latest, total


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
