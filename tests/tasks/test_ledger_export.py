"""The ledger workbook (督办台账) as the office opens it in Excel or WPS, and the export_ledger command."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tasks import services
from tasks.excel import write_ledger
from tasks.models import Category, DeadlineKind, Origin, Plan
from tasks.selectors import all_ledger_tasks, ledger_tasks

TODAY = datetime.date(2026, 11, 22)
HEADERS = ["序号", "类别", "督办事项", "牵头单位", "责任单位", "完成时限", "时限说明", "办理状态", "红黄绿灯",
           "最新进展", "办结日期", "来源"]


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture
def ledger(world):
    """Three items: one closed on time, one overdue with a report, one long-term with a formula-looking title."""
    office, gaj = world.user("office"), world.user("gaj")
    plan = Plan.objects.create(title="建立常态化府院联动机制工作实施方案")
    category = Category.objects.create(plan=plan, number="一", title="建立健全府院联动工作机制")

    def create(number, title, **kwargs):
        task = services.create_task(by=office, origin=Origin.PLAN, plan=plan, category=category, number=number,
                                    sort_key=f"{int(number):04d}", title=title,
                                    lead_units=[world.unit("旗公安局")], **kwargs)
        services.assign(task=task, by=office, today=day(-60))
        return task

    closed = create("1", "建立府院联席会议制度", due_date=day(30),
                    responsible_units=[world.unit("旗财政局"), world.unit("旗人民法院")])
    services.request_closure(task=closed, by=gaj, summary="制度已印发。", today=day(-3))
    services.close(task=closed, by=office, today=day(-2))
    overdue = create("2", "梳理涉诉重大案件", due_date=day(-5))
    services.report_progress(task=overdue, by=gaj, text="已梳理重大案件12件。")
    create("3", "=1+1", deadline_kind=DeadlineKind.LONG_TERM, cycle="quarterly")
    return world


def sheet_of(data):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def export(user):
    buffer = io.BytesIO()
    write_ledger(ledger_tasks(user, TODAY).order_by("sort_key", "pk"), buffer, TODAY)
    return sheet_of(buffer.getvalue())


def values(sheet, row):
    return [cell.value for cell in sheet[row]]


def test_one_sheet_with_chinese_headers_frozen_and_wide_columns(ledger):
    sheet = export(ledger.user("office"))
    assert sheet.title == "督办台账"
    assert sheet["A1"].value == "府院联动工作督办台账（截至2026年11月22日）"
    assert sheet["A1"].font.b
    assert values(sheet, 2) == HEADERS
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width


def test_the_sheet_prints_on_a4_landscape_one_page_wide_with_filter_and_page_footer(ledger):
    sheet = export(ledger.user("office"))
    assert sheet.auto_filter.ref == "A2:L5"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_the_region_names_the_ledger(ledger, settings):
    settings.REGION_NAME = "乌审旗"
    assert export(ledger.user("office"))["A1"].value == "乌审旗府院联动工作督办台账（截至2026年11月22日）"


def test_a_closed_item_reads_as_the_office_sees_it(ledger):
    row = dict(zip(HEADERS, export(ledger.user("office"))[3], strict=True))
    assert row["序号"].value == "1"
    assert row["类别"].value == "建立健全府院联动工作机制"
    assert row["督办事项"].value == "建立府院联席会议制度"
    assert row["牵头单位"].value == "旗公安局"
    assert row["责任单位"].value == "旗财政局、旗人民法院"  # printed order, not the roster's
    assert row["完成时限"].value == datetime.datetime(2026, 12, 22)  # a date: sorts and filters as one
    assert "年" in row["完成时限"].number_format
    assert row["时限说明"].value is None
    assert row["办理状态"].value == "已办结"
    assert row["红黄绿灯"].value == "按期办结"
    assert row["红黄绿灯"].fill.fgColor.rgb.endswith("B7E1CD")  # green
    assert row["办结日期"].value == datetime.datetime(2026, 11, 20)
    assert "年" in row["办结日期"].number_format
    assert row["来源"].value == "实施方案"


def test_overdue_row_is_red_with_the_latest_progress(ledger):
    row = dict(zip(HEADERS, export(ledger.user("office"))[4], strict=True))
    assert row["红黄绿灯"].value == "逾期"
    assert row["红黄绿灯"].fill.fgColor.rgb.endswith("F4C7C3")  # red
    assert row["最新进展"].value == "已梳理重大案件12件。"
    assert row["办结日期"].value is None


def test_formula_looking_title_stays_text(ledger):
    row = dict(zip(HEADERS, export(ledger.user("office"))[5], strict=True))
    assert row["督办事项"].value == "=1+1"
    assert row["督办事项"].data_type == "s"
    assert row["完成时限"].value is None
    assert row["时限说明"].value == "长期坚持（每季度报送）"
    assert row["红黄绿灯"].value == "无固定时限"


def test_a_liaison_exports_only_their_units_items(ledger):
    sheet = export(ledger.user("czj"))
    assert [row[2].value for row in sheet.iter_rows(min_row=3)] == ["建立府院联席会议制度"]


def test_export_ledger_command_writes_every_item(ledger, tmp_path):
    output = tmp_path / "督办台账.xlsx"
    call_command("export_ledger", output=str(output), today=TODAY.isoformat(), stdout=io.StringIO())
    sheet = sheet_of(output.read_bytes())
    assert [row[2].value for row in sheet.iter_rows(min_row=3)] == ["建立府院联席会议制度", "梳理涉诉重大案件", "=1+1"]
    assert sheet["I4"].value == "逾期"


def test_export_ledger_command_refuses_a_bad_date_or_folder(ledger, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_ledger", output=str(tmp_path / "x.xlsx"), today="22/11/2026")
    with pytest.raises(CommandError):
        call_command("export_ledger", output=str(tmp_path / "missing" / "x.xlsx"))


def test_export_works_from_a_plain_list_of_tasks(ledger):
    buffer = io.BytesIO()
    write_ledger(list(all_ledger_tasks(TODAY).order_by("sort_key")), buffer, TODAY)
    assert sheet_of(buffer.getvalue()).max_row == 5


def test_long_text_wraps_in_a_row_tall_enough_to_print_it(ledger):
    from tasks.models import Task

    Task.objects.filter(number="2").update(title="梳理涉诉重大案件，" * 6)
    sheet = export(ledger.user("office"))
    assert sheet["C4"].alignment.wrap_text
    # 54 characters in a 36-wide column: three lines, not one cut short.
    assert sheet.row_dimensions[4].height >= 45 > sheet.row_dimensions[3].height


def test_the_fast_export_writes_the_same_cells_and_styles_as_the_model_path(ledger):
    """A queryset is exported from plain values with styles per column; a list goes through the models."""
    queryset = ledger_tasks(ledger.user("office"), TODAY).order_by("sort_key", "pk")
    sheets = []
    for tasks in (queryset, list(queryset)):
        buffer = io.BytesIO()
        write_ledger(tasks, buffer, TODAY)
        sheets.append(sheet_of(buffer.getvalue()))
    fast, slow = sheets
    assert fast.max_row == slow.max_row == 5
    for fast_row, slow_row in zip(fast.iter_rows(), slow.iter_rows(), strict=True):
        for a, b in zip(fast_row, slow_row, strict=True):
            assert (a.value, a.data_type, a.number_format, a.fill.fgColor.rgb, a.alignment.wrap_text) == \
                   (b.value, b.data_type, b.number_format, b.fill.fgColor.rgb, b.alignment.wrap_text), a.coordinate
