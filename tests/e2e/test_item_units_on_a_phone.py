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
