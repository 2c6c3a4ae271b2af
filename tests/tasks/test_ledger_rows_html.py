"""The ledger's rows, built in Python (tasks.views.ledger_rows_html): what each reader sees in a row, escaped."""

from django.urls import reverse

from tests.tasks.builders import make_task


def row_of(page, task):
    start = page.index(f'<tr data-task="{task.pk}">')
    return page[start:page.index("</tr>", start)]


def test_a_row_shows_the_item_with_its_units_deadline_status_and_light(world):
    task = make_task(world, "依法化解<行政>争议 & \"诉源\"治理", responsible=["旗财政局"], due_in=-3,
                     number="7", deadline_text="2025年6月底前")
    row = row_of(world.client("office").get(reverse("tasks:ledger")).content.decode(), task)
    # The title is text, not markup: escaped exactly as the template escaped it.
    assert "依法化解&lt;行政&gt;争议 &amp; &quot;诉源&quot;治理" in row and "<行政>" not in row
    assert f'<a href="{reverse("tasks:detail", args=[task.pk])}">' in row
    assert ">7</td>" in row and "2025年6月底前" in row
    assert "公安局" in row and "财政局" in row
    assert 'data-light="overdue"' in row  # the light's badge is markup, not escaped
    # The office selects rows to chase them; the checkbox names the item's number.
    assert f'name="tasks" value="{task.pk}" form="bulk-remind" aria-label="选择 7"' in row


def test_a_liaison_sees_their_next_step_and_no_checkbox(world):
    task = make_task(world, "联络员的下一步")
    row = row_of(world.client("gaj").get(reverse("tasks:ledger")).content.decode(), task)
    assert 'data-testid="next-step"' in row and "签收" in row
    assert 'name="tasks"' not in row


def test_a_unit_behind_with_its_report_shows_the_missing_badge(world):
    import datetime

    from django.utils import timezone

    task = make_task(world, "长期坚持的事项", due_in=None,
                     assigned_on=timezone.localdate() - datetime.timedelta(days=400))
    row = row_of(world.client("office").get(reverse("tasks:ledger")).content.decode(), task)
    assert '<span class="badge text-bg-danger">缺报</span>' in row


def test_an_empty_ledger_says_so(world):
    page = world.client("office").get(reverse("tasks:ledger"), {"q": "没有这样的事项"}).content.decode()
    assert "没有符合条件的事项。" in page and "<tr data-task" not in page
