"""The item page reads a fixed number of queries, whatever its units, reports, timeline, requests and messages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks import services
from tests.tasks.builders import days, make_task

UNITS = ["旗财政局", "旗司法局", "旗市场监督管理局"]


def quiet_item(world):
    """Assigned, one report, nothing else."""
    task = make_task(world, "安静事项", responsible=UNITS[:1], due_in=30)
    services.report_progress(task=task, by=world.user("gaj"), text="已部署")
    return task


def busy_item(world):
    """Many units, reports with files, reminders (messages), an extension decided, a closure sent back."""
    task = make_task(world, "繁忙事项", responsible=UNITS, due_in=30)
    gaj, czj, office = world.user("gaj"), world.user("czj"), world.user("office")
    services.sign(task=task, by=czj)
    for i in range(6):
        upload = SimpleUploadedFile(f"第{i}次.pdf", b"%PDF-1.4\n" + str(i).encode())
        services.report_progress(task=task, by=gaj if i % 2 else czj, text=f"第{i}次进展", attachments=[upload])
    for _ in range(3):
        services.remind(task=task, by=office, message="请报送")
    extension = services.request_extension(task=task, by=gaj, new_due_date=days(60), reason="需协调")
    services.decide_extension(extension=extension, by=office, approve=False, note="不予延期")
    services.request_closure(task=task, by=gaj, summary="已完成")
    services.send_back(task=task, by=office, reason="缺材料")
    services.request_extension(task=task, by=gaj, new_due_date=days(50), reason="再协调")
    services.request_closure(task=task, by=gaj, summary="已补充",
                             attachments=[SimpleUploadedFile("证明.pdf", b"%PDF-1.4\nok")])
    return task


# The signed-in request (session, account, its unread count, the session's save) and the item (which says whether
# it has targets, sub-items or files at all), its units, the read receipts, reports and timeline; the office also
# its messages and their deliveries. The busy item's files, extension and closure requests are read because it
# has them (three more, however many there are). Before: 18 for the office and 16 for the liaison on both
# items, and 20 and 22, 18 and 19 before that.
@pytest.mark.parametrize(("account", "limit"), [("office", 13), ("gaj", 11)])
@pytest.mark.parametrize("build", [quiet_item, busy_item])
def test_the_item_page_reads_a_fixed_number_of_queries(world, account, limit, build, django_assert_max_num_queries):
    limit += 3 if build is busy_item else 0
    task = build(world)
    client = world.client(account)
    with django_assert_max_num_queries(limit):
        html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert 'data-testid="timeline"' in html
    assert ("第5次进展" if build is busy_item else "已部署") in html
    if build is busy_item:
        assert "证明.pdf" in html and "不予延期" in html  # the closure's evidence, the extension history
        assert ('data-testid="pending-closure"' in html) == (account == "office")
