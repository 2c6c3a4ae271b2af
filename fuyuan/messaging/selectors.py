"""What the office reads: messages with their deliveries, per item and per unit; the open escalations."""

from django.db.models import Count, Max, Min, Prefetch, Q

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
    """The latest `limit` messages about one item, oldest first, and how many there are in all (two queries
    when there are more than `limit`, else one)."""
    latest = list(messages_with_deliveries().filter(task_id=task_id).order_by("-created_at", "-pk")[:limit])
    total = len(latest) if len(latest) < limit else Message.objects.filter(task_id=task_id).count()
    return latest[::-1], total


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
