"""The office reads an item's messages on a phone: each message a card with its fields labelled, not a
six-column table squeezed to a few characters a line (the read receipt broke onto six or seven lines)."""

from tasks import services
from tests.e2e.conftest import sign_in
from tests.tasks.builders import make_task

# The most lines any cell of the messages takes.
MOST_LINES = """() => Math.max(...[...document.querySelectorAll('[data-testid=item-deliveries] tbody tr')]
  .flatMap(row =>
  [...row.cells].map(cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
  })))"""


def test_each_message_reads_as_a_card_on_a_phone(page, live_server, e2e_world, shot):
    task = make_task(e2e_world, "手机上查看消息的事项", responsible=["旗财政局"])
    for n in range(3):
        services.remind(task=task, by=e2e_world.user("office"), message=f"第{n + 1}次催办：请尽快报送进展。")
    for username in ("gaj", "czj"):  # the units open the item: each message shows who read it, and how
        e2e_world.client(username).get(f"/tasks/{task.pk}/")
    sign_in(page, live_server, "office")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    card = page.get_by_test_id("item-deliveries")
    card.scroll_into_view_if_needed()
    assert page.evaluate(MOST_LINES) <= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot("item-messages-390", of=page)
