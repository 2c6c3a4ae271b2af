"""An item's units table on a phone: the part a unit plays (牵头单位 / 责任单位) reads on one line, however the other
columns share the width, and the page never gets wider than the screen (a wide table scrolls in its own box)."""

import pytest

from tasks import services
from tests.e2e.conftest import sign_in
from tests.tasks.builders import days, make_task

# The text and the number of lines of each cell in a column of the units table, counted from its line boxes.
COLUMN_LINES = """(column) => [...document.querySelectorAll('[data-testid=task-units] tbody tr')].map(row => {
  const range = document.createRange();
  range.selectNodeContents(row.cells[column]);
  return {text: row.cells[column].textContent.trim(),
          lines: new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size};
})"""

RESPONSIBLE = ["旗人民法院", "旗人民检察院", "旗司法局", "旗财政局", "旗退役军人事务局"]
# Departments named through a printed collective show it after their name, as a plan import leaves them.
VIA_GROUP = {"旗司法局": "旗直各部门", "旗财政局": "旗直各部门", "旗退役军人事务局": "旗直各部门"}


@pytest.mark.parametrize("username", ["office", "gaj"])
@pytest.mark.parametrize("owes_reports", [False, True], ids=["dated", "long-term"])
def test_each_units_part_reads_on_one_line_at_390_px(page, live_server, e2e_world, shot, username, owes_reports):
    task = make_task(e2e_world, "手机上查看单位分工的事项", responsible=RESPONSIBLE,
                     due_in=None if owes_reports else 30, assigned_on=days(-200) if owes_reports else None,
                     via_groups={e2e_world.unit(name).pk: group for name, group in VIA_GROUP.items()})
    for liaison in ("gaj", "czj"):  # signed units show a date and time, the others 未签收
        services.sign(task=task, by=e2e_world.user(liaison))
    sign_in(page, live_server, username)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    page.get_by_test_id("task-units").scroll_into_view_if_needed()
    parts = page.evaluate(COLUMN_LINES, 1)
    assert {part["text"] for part in parts} == {"牵头单位", "责任单位"}
    assert [part for part in parts if part["lines"] != 1] == []
    # A signing time may break at its space (date, then time), never inside the date: 「2026-」「11-30」「17:02」.
    signed = [cell for cell in page.evaluate(COLUMN_LINES, 2) if cell["text"] != "未签收"]
    assert len(signed) == 2 and [cell for cell in signed if cell["lines"] > 2] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(f"item-units-390-{username}-{'long-term' if owes_reports else 'dated'}", of=page)


def test_progress_reports_read_as_cards_on_a_phone_and_as_a_table_on_a_desktop(page, live_server, e2e_world, shot):
    """Each report's text takes the card's whole width on a 390 px phone (in the table's fourth column it had
    wrapped four characters a line, its files cut off in a box that scrolled); a desktop keeps the table."""
    task = make_task(e2e_world, "手机上查看进展报送的事项", responsible=["旗财政局"], due_in=30)
    text = "已召开专题会议研究部署，明确分管领导和联络员，按方案推进，本季度共化解行政争议十二件。"
    for liaison in ("gaj", "czj"):
        services.sign(task=task, by=e2e_world.user(liaison))
        services.report_progress(task=task, by=e2e_world.user(liaison), text=text)
    sign_in(page, live_server, "gaj")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    reports = page.get_by_test_id("task-reports")
    reports.scroll_into_view_if_needed()
    widths = page.evaluate("""() => [...document.querySelectorAll('[data-testid=task-reports] tbody tr')].map(row =>
        [row.cells[3].getBoundingClientRect().width, row.getBoundingClientRect().width])""")
    assert len(widths) == 2 and all(cell >= 0.9 * row for cell, row in widths), widths
    assert not reports.locator("thead").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot("item-reports-390", of=page)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert reports.locator("thead").is_visible()
    cell, table = page.evaluate("""() => [document.querySelector('[data-testid=task-reports] tbody td:nth-child(4)')
        .getBoundingClientRect().width, document.querySelector('[data-testid=task-reports]').getBoundingClientRect()
        .width]""")
    assert cell < 0.8 * table  # a column of the table
