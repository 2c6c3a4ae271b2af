"""The dashboard's overdue and due-soon lists: the items of each light only, earliest deadline first, as the ledger."""

import re

from django.urls import reverse

from tests.tasks.builders import make_task


def listed_titles(html, heading):
    """The titles in the list under `heading`, in order."""
    start = html.index(f'<h2 class="h6">{heading}</h2>')
    table = html[start:html.index("</table>", start)]
    return re.findall(r'<a href="/tasks/\d+/">([^<]+)</a>', table)


def test_each_list_holds_its_light_in_the_ledgers_order(world):
    # Same due date: the ledger's next key (the printed number's sort key) decides, not the order of insertion.
    make_task(world, "逾期·乙", due_in=-3, number="2")
    make_task(world, "逾期·甲", due_in=-3, number="1")
    make_task(world, "逾期·更早", due_in=-9, number="3")
    make_task(world, "临期", due_in=2, number="4")
    make_task(world, "正常", due_in=30, number="5")
    html = world.client("leader").get(reverse("dashboard")).content.decode()
    assert listed_titles(html, "逾期事项") == ["逾期·更早", "逾期·甲", "逾期·乙"]
    assert listed_titles(html, "临期") == ["临期"]

