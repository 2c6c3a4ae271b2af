"""FastRows (large exports) writes the workbook a reader gets from append_row, cell by cell, whatever the values."""

import datetime
import io

import openpyxl
import pytest
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import PatternFill

from fuyuan.lib.excel import FastRows, Styled, _cell, append_row, finish_sheet, new_workbook, start_sheet

HEADERS = ["事项", "说明", "日期", "灯"]
WIDTHS = [12, 30, 14, 8]
RED = PatternFill("solid", fgColor="F4C7C3")

ROWS = [
    ["  前后有空格  ", "a & b < c > d \"引号\" 'single'", datetime.date(2026, 11, 29), "逾期"],
    ["第一行\r\n第二行\n第三行", "", datetime.date(1900, 1, 15), None],
    ["=HYPERLINK(\"http://evil.example\",\"点此\")", "+1", None, "逾期"],
    ["-2+3", "@SUM(A1)", datetime.date(2026, 1, 2), "逾期"],
    ["\t制表符开头", "𠀀𠀁 beyond the basic plane, 推进行政争议实质性化解工作" * 3, None, "逾期"],
    ["推进行政争议实质性化解工作，" * 20, "短", None, "逾期"],
    # What FastRows leaves to openpyxl: an error code, a number, a time of day, text past Excel's cell limit.
    ["#N/A", 42, datetime.datetime(2026, 11, 29, 8, 30), "逾期"],
    ["数字", 3.5, None, None],
    ["太长", "长" * 40000, None, None],
    ["普通", "普通文本", datetime.date(2026, 12, 31), "逾期"],
]


def light(sheet):
    cell = WriteOnlyCell(sheet, value="")
    cell.fill = RED
    return cell


def written_by_cells():
    workbook = new_workbook()
    sheet = workbook.create_sheet("台账")
    start_sheet(sheet, title="标题", headers=HEADERS, widths=WIDTHS)
    for row in ROWS:
        cells = [_cell(sheet, value, date_format='yyyy"年"m"月"d"日"') for value in row[:3]]
        if row[3] is None:
            cells.append(None)
        else:
            cells.append(light(sheet))
            cells[-1].value = row[3]
        append_row(sheet, cells)
    finish_sheet(sheet, len(ROWS))
    return workbook


def written_fast():
    workbook = new_workbook()
    sheet = workbook.create_sheet("台账")
    writer = FastRows(sheet, date_format='yyyy"年"m"月"d"日"')
    red = writer.style_of(light(sheet))
    start_sheet(sheet, title="标题", headers=HEADERS, widths=WIDTHS)
    for row in ROWS:
        writer.append(row[:3] + [None if row[3] is None else Styled(row[3], red)])
    finish_sheet(sheet, len(ROWS))
    return workbook


def opened(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active


def look(cell):
    return (cell.value, cell.data_type, cell.number_format, cell.quotePrefix, cell.font.b, cell.font.sz,
            cell.fill.patternType, cell.fill.fgColor.rgb, cell.alignment.wrap_text, cell.alignment.vertical)


def test_every_cell_and_row_height_reads_as_append_row_writes_it():
    expected, fast = opened(written_by_cells()), opened(written_fast())
    assert fast.max_row == expected.max_row == len(ROWS) + 2
    for expected_row, fast_row in zip(expected.iter_rows(), fast.iter_rows(), strict=True):
        for want, got in zip(expected_row, fast_row, strict=True):
            assert look(got) == look(want), got.coordinate
    for row in range(1, len(ROWS) + 3):
        assert fast.row_dimensions[row].height == expected.row_dimensions[row].height, row
    assert (fast.freeze_panes, fast.auto_filter.ref, fast.print_title_rows) == \
           (expected.freeze_panes, expected.auto_filter.ref, expected.print_title_rows)


def test_text_reads_back_as_typed():
    sheet = opened(written_fast())
    assert sheet["A3"].value == "  前后有空格  "
    assert sheet["B3"].value == "a & b < c > d \"引号\" 'single'"
    assert sheet["A4"].value == "第一行\r\n第二行\n第三行"
    assert sheet["A5"].value.startswith("=HYPERLINK") and sheet["A5"].data_type == "s" and sheet["A5"].quotePrefix
    assert sheet["C3"].value == datetime.datetime(2026, 11, 29) and "年" in sheet["C3"].number_format
    assert sheet["D3"].fill.fgColor.rgb.endswith("F4C7C3")
    assert sheet.row_dimensions[8].height == 12 * 15  # 280 characters in a 12-wide column: cut at 12 lines


def test_it_takes_over_the_sheet_before_its_first_row():
    workbook = new_workbook()
    sheet = workbook.create_sheet("台账")
    start_sheet(sheet, title="标题", headers=HEADERS)
    with pytest.raises(RuntimeError):
        FastRows(sheet)
    workbook.save(io.BytesIO())  # the sheet still closes as openpyxl wrote it
