"""Read receipts: the link in the message, by the unit's liaison or by another unit; opening the item."""

from django.urls import reverse

from fuyuan.messaging.models import Message
from fuyuan.messaging.receipts import token_for
from fuyuan.messaging.worker import deliver_due
from tasks import services
from tests.tasks.builders import make_task


def reminder_message(world, task):
    services.remind(task=task, by=world.user("office"), message="请尽快报送")
    return Message.objects.get(kind="reminder", task_id=task.pk)


def test_the_link_opened_by_the_units_liaison_marks_it_read(world):
    task = make_task(world, "签收事项")
    message = reminder_message(world, task)
    response = world.client("gaj").get(reverse("messaging:open", args=[token_for(message.pk)]))
    assert response.status_code == 302 and response["Location"] == reverse("tasks:detail", args=[task.pk])
    message.refresh_from_db()
    assert message.read_at and message.read_by == world.user("gaj") and message.read_via == "link"


def test_the_link_opened_by_another_unit_does_not(world):
    task = make_task(world, "他单位事项")
    message = reminder_message(world, task)
    world.client("czj").get(reverse("messaging:open", args=[token_for(message.pk)]))
    world.client("office").get(reverse("messaging:open", args=[token_for(message.pk)]))
    message.refresh_from_db()
    assert message.read_at is None


def test_a_forged_token_is_not_found(world):
    task = make_task(world, "伪造")
    message = reminder_message(world, task)
    forged = token_for(message.pk).rsplit(":", 1)[0] + ":forged"
    assert world.client("gaj").get(reverse("messaging:open", args=[forged])).status_code == 404
    assert world.client("gaj").get(reverse("messaging:open", args=[f"{message.pk}"])).status_code == 404


def test_the_link_asks_an_anonymous_reader_to_sign_in_first(world, client):
    task = make_task(world, "未登录")
    message = reminder_message(world, task)
    response = client.get(reverse("messaging:open", args=[token_for(message.pk)]))
    assert response.status_code == 302 and "/login" in response["Location"]
    message.refresh_from_db()
    assert message.read_at is None


def test_opening_the_item_in_the_app_marks_the_units_messages_read(world):
    task = make_task(world, "应用内打开", responsible=["旗财政局"])
    services.remind(task=task, by=world.user("office"), message="请尽快报送")
    world.client("gaj").get(reverse("tasks:detail", args=[task.pk]))
    read = dict(Message.objects.filter(task_id=task.pk, kind="reminder").values_list("unit__name", "read_via"))
    assert read == {"旗公安局": "app", "旗财政局": ""}


def test_the_office_sees_sent_delivered_read_on_the_item_and_the_messages_page(world, settings):
    from tests.messaging.fake_server import FakeChannel

    fake = FakeChannel()
    try:
        settings.WECOM_WEBHOOK_URL = fake.url("/hook")
        task = make_task(world, "可见回执", responsible=["旗财政局"])
        services.remind(task=task, by=world.user("office"), message="请尽快报送")
        deliver_due()
        gaj_reminder = Message.objects.get(kind="reminder", task_id=task.pk, unit=world.unit("旗公安局"))
        world.client("gaj").get(reverse("messaging:open", args=[token_for(gaj_reminder.pk)]))
    finally:
        fake.close()
    office = world.client("office")
    page = office.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert 'data-testid="item-deliveries"' in page
    assert page.count('data-testid="delivery-wecom-sent"') == 4  # 交办 and 催办 to two units
    assert page.count('data-testid="read"') == 1 and page.count('data-testid="unread"') == 3
    listing = office.get(reverse("messaging:list")).content.decode()
    assert "旗公安局" in listing and 'data-testid="per-unit"' in listing
    unread_only = office.get(reverse("messaging:list"), {"state": "unread", "unit": world.unit("旗公安局").pk})
    assert unread_only.content.decode().count('data-testid="unread"') == 1  # the 交办 only


def test_a_liaison_never_sees_the_delivery_section(world):
    task = make_task(world, "联络员视角")
    page = world.client("gaj").get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert 'data-testid="item-deliveries"' not in page


def test_the_messages_page_queries_stay_flat(world, django_assert_max_num_queries):
    for n in range(3):
        task = make_task(world, f"查询{n}", responsible=["旗财政局"])
        services.remind(task=task, by=world.user("office"), message="请尽快报送")
    office = world.client("office")
    office.get(reverse("messaging:list"))
    with django_assert_max_num_queries(16):
        office.get(reverse("messaging:list"))
    for n in range(10):
        make_task(world, f"更多{n}", responsible=["旗财政局"])
    with django_assert_max_num_queries(16):
        office.get(reverse("messaging:list"))


def test_a_long_running_items_page_shows_its_latest_messages_and_links_to_all(world):
    import datetime

    from django.utils import timezone

    from fuyuan.messaging.templatetags.messaging import ITEM_ROWS

    task = make_task(world, "常年督办")
    start = timezone.now() - datetime.timedelta(days=400)
    before = Message.objects.filter(task_id=task.pk).count()
    Message.objects.bulk_create([
        Message(kind="reminder", unit=world.unit("旗公安局"), task_id=task.pk, subject=f"第{i:02d}次催办",
                text="请报送", created_at=start + datetime.timedelta(days=i)) for i in range(ITEM_ROWS + 5)])
    total = before + ITEM_ROWS + 5
    office = world.client("office")
    page = office.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    card = page[page.index('data-testid="item-deliveries"'):]
    card = card[:card.index("</table>")]
    assert card.count("<tr>") == ITEM_ROWS + 1  # the header and the latest rows, not all of them
    assert f"最近 {ITEM_ROWS} 条，共 {total} 条" in card
    all_of_them = office.get(reverse("messaging:list"), {"task": task.pk})
    assert all_of_them.status_code == 200
    listing = all_of_them.content.decode()
    assert 'data-testid="messages-of-item"' in listing
    rows = listing[listing.index('data-testid="messages"'):]
    assert rows.count("<tr>") - 1 == min(total, 50)  # every message of the item, a page of 50 at a time
    other = make_task(world, "另一事项")
    services.remind(task=other, by=world.user("office"), message="请尽快报送")
    assert "另一事项" not in office.get(reverse("messaging:list"), {"task": task.pk}).content.decode().split(
        'data-testid="messages"')[1]


def test_opening_the_item_writes_the_receipt_as_the_orm_does(world):
    """The office reads the office's messages (no unit), a liaison its unit's; the time is stored as the ORM
    stores it (SQLite: UTC text), so filters and orders on it hold."""
    import datetime

    from django.utils import timezone

    from fuyuan.messaging.receipts import mark_item_read

    task = make_task(world, "回执写入", responsible=["旗财政局"])
    services.remind(task=task, by=world.user("office"), message="请尽快报送")
    office_message = Message.objects.create(kind="notice", unit=None, task_id=task.pk, subject="s", text="t")
    before = timezone.now() - datetime.timedelta(seconds=1)
    gaj_messages = set(Message.objects.filter(task_id=task.pk, unit=world.unit("旗公安局"))
                       .values_list("pk", flat=True))
    assert len(gaj_messages) == 2  # assigned, reminded
    assert mark_item_read(world.user("office"), task.pk) == 1
    assert mark_item_read(world.user("gaj"), task.pk) == 2
    assert mark_item_read(world.user("gaj"), task.pk) == 0
    read = Message.objects.filter(task_id=task.pk, read_at__gte=before, read_at__lte=timezone.now())
    assert dict(read.values_list("pk", "read_by__username")) == {office_message.pk: "office",
                                                                 **dict.fromkeys(gaj_messages, "gaj")}
    assert all(timezone.is_aware(at) and via == "app" for at, via in read.values_list("read_at", "read_via"))
    assert not Message.objects.filter(task_id=task.pk, unit=world.unit("旗财政局"), read_at__isnull=False).exists()
