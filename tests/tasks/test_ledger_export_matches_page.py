"""The ledger's 导出Excel holds the rows the ledger page shows, in its order and with its cells, in a fixed
number of queries however many rows it writes."""

import html
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils.text import Truncator

from tasks import services
from tasks.templatetags.supervision import cn_date
from tests.tasks.builders import make_task

LEDGER = reverse("tasks:ledger")
EXPORT = reverse("tasks:export")
HEADERS = ["序号", "类别", "督办事项", "牵头单位", "责任单位", "完成时限", "时限说明", "办理状态", "红黄绿灯",
           "最新进展", "办结日期", "来源"]


@pytest.fixture
def ledger(world):
    """Items of every light: overdue with a long report, due soon, on track, long-term, closed, awaiting closure."""
    gaj = world.user("gaj")
    overdue = make_task(world, "梳理涉诉重大案件 & 报送<清单>", due_in=-3, responsible=["旗财政局"])
    services.report_progress(task=overdue, by=gaj, text="已梳理重大案件12件，" * 10)
    make_task(world, "建立府院联席会议制度", due_in=5)
    make_task(world, "=HYPERLINK(\"http://evil.example\")", lead="旗财政局", responsible=["旗公安局"], due_in=40)
    make_task(world, "开展行政争议实质性化解", due_in=None)
    closed = make_task(world, "已办结事项", due_in=10)
    services.request_closure(task=closed, by=gaj, summary="已完成")
    services.close(task=closed, by=world.user("office"))
    waiting = make_task(world, "申请办结事项", due_in=-1)
    services.request_closure(task=waiting, by=gaj, summary="已完成")
    return world


def page_rows(response):
    """Each row of the ledger page as the texts of its cells (the office's selection box left out)."""
    rows = []
    for row in re.findall(r'<tr data-task="\d+">(.*?)</tr>', response.content.decode(), re.S):
        cells = re.findall(r'<td(?: class="([^"]*)")?>(.*?)</td>', row, re.S)
        cells = [cell for css, cell in cells if "d-print-none" not in css]
        # The item's cell: its link (the reader's next step is shown under it).
        cells[2] = re.search(r"<a [^>]*>(.*?)</a>", cells[2], re.S)[1]
        rows.append([_text(cell) for cell in cells])
    return rows


def _text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()


def export_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [dict(zip(HEADERS, row, strict=True)) for row in sheet.iter_rows(min_row=3, values_only=True)]


def as_shown(row):
    """An exported row's cells in the page's columns: number, title, deadline, status, light, progress."""
    deadline = cn_date(row["完成时限"].date()) if row["完成时限"] else row["时限说明"]
    return [row["序号"], row["督办事项"], deadline, row["办理状态"], row["红黄绿灯"],
            Truncator(row["最新进展"] or "").chars(60)]


def shown(cells):
    """The same cells of a page row (its columns: number, category, title, lead, responsible, deadline, …)."""
    number, _category, title, _lead, _responsible, deadline, status, light, progress = cells
    return ["".join(number), " ".join(title), " ".join(deadline), "".join(status), light[0], " ".join(progress)]


@pytest.mark.parametrize("query", ["", "?sort=due", "?sort=-title", "?sort=status", "?light=overdue",
                                   "?status=open", "?q=事项", "?missing=true"])
def test_the_export_holds_the_pages_rows_in_the_pages_order(ledger, query):
    client = ledger.client("office")
    page = [shown(cells) for cells in page_rows(client.get(LEDGER + query))]
    exported = [as_shown(row) for row in export_rows(client.get(EXPORT + query))]
    assert exported == page
    assert page or query == "?missing=true"


def test_a_liaison_exports_the_rows_their_ledger_shows(ledger):
    client = ledger.client("czj")
    page = [shown(cells) for cells in page_rows(client.get(LEDGER))]
    exported = [as_shown(row) for row in export_rows(client.get(EXPORT))]
    assert exported == page
    assert sorted(row[1] for row in page) == ["=HYPERLINK(\"http://evil.example\")", "梳理涉诉重大案件 & 报送<清单>"]


def test_formula_looking_and_marked_up_text_reads_back_as_typed(ledger):
    rows = {row["督办事项"]: row for row in export_rows(ledger.client("office").get(EXPORT))}
    assert "梳理涉诉重大案件 & 报送<清单>" in rows
    assert rows["梳理涉诉重大案件 & 报送<清单>"]["最新进展"] == "已梳理重大案件12件，" * 10
    assert rows["梳理涉诉重大案件 & 报送<清单>"]["责任单位"] == "旗财政局"


def add_items(world, n):
    for i in range(n):
        task = make_task(world, f"批量事项{i}", responsible=["旗财政局", "旗人民法院"], due_in=i - 10)
        if i % 3 == 0:
            services.report_progress(task=task, by=world.user("gaj"), text=f"第{i}次进展")


@pytest.mark.parametrize("extra", [0, 40])
def test_the_exports_queries_do_not_grow_with_its_rows(ledger, extra, django_assert_max_num_queries):
    add_items(ledger, extra)
    client = ledger.client("office")
    client.get(LEDGER)  # the session's first-request queries, out of the count
    # Session, account, count for inline-or-job, unit names, the rows, their units.
    with django_assert_max_num_queries(6):
        response = client.get(EXPORT)
    assert len(export_rows(response)) == 6 + extra


@pytest.mark.parametrize("extra", [0, 40])
def test_the_background_writers_queries_do_not_grow_with_its_rows(ledger, extra, django_assert_max_num_queries):
    from tasks.exports import write_ledger_export

    add_items(ledger, extra)
    with django_assert_max_num_queries(3):  # unit names, the rows, their units
        write_ledger_export(user=ledger.user("office"), query="", stream=io.BytesIO())


def test_control_characters_pasted_from_word_do_not_break_the_export(world):
    # Word's line break inside a cell is a vertical tab; the file's XML allows no such character, and openpyxl
    # refused the cell, so the whole export failed.
    make_task(world, "加强府院联动\x0b推进依法行政", due_in=10)
    services.report_progress(task=make_task(world, "报送事项", due_in=3), by=world.user("gaj"),
                             text="已报送\x0c第一季度进展")
    response = world.client("office").get(EXPORT)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                              if response.streaming else response.content)).active
    texts = [cell for row in sheet.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
    assert "加强府院联动推进依法行政" in texts
    assert any("已报送第一季度进展" in text for text in texts)
