"""Blank import workbooks: the header the import reads, one example row, drop-down lists where a value is chosen.

The lists (unit names, deadline kinds, unit kinds) live on a hidden sheet 选项, since an inline list is
limited to 255 characters; the drop-downs warn rather than refuse, because a cell may name several units
(旗公安局、旗财政局) or a date.
"""

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .excel import XLSX_CONTENT_TYPE, text_width, workbook_bytes

ROWS = 1000  # rows the drop-downs cover
OPTIONS_SHEET = "选项"


def template(*, title, headers, example, lists=None, widths=None) -> bytes:
    """The workbook: sheet `title` with header and example row; `lists` {header: [choices]} become drop-downs."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
    for cell in sheet[2]:
        cell.font = Font(color="808080")  # the example: grey, to be overwritten
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, header in enumerate(headers, start=1):
        width = (widths or {}).get(header) or max(text_width(header), text_width(example[index - 1]) * 0.8, 10)
        sheet.column_dimensions[get_column_letter(index)].width = min(width, 50)
    sheet.freeze_panes = "A2"
    if lists:
        options = workbook.create_sheet(OPTIONS_SHEET)
        options.sheet_state = "hidden"
        for column, (header, choices) in enumerate(lists.items(), start=1):
            letter = get_column_letter(column)
            options.cell(row=1, column=column, value=header)
            for row, choice in enumerate(choices, start=2):
                options.cell(row=row, column=column, value=choice)
            source = f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$2:${letter}${max(len(choices) + 1, 2)}"
            validation = DataValidation(type="list", formula1=source, allow_blank=True, errorStyle="warning",
                                        showErrorMessage=True, error="请从列表中选择，或按说明填写。",
                                        errorTitle=header)
            target = get_column_letter(headers.index(header) + 1)
            validation.add(f"{target}2:{target}{ROWS}")
            sheet.add_data_validation(validation)
    return workbook_bytes(workbook)


def template_response(data: bytes, filename: str) -> HttpResponse:
    """The template as a download."""
    from urllib.parse import quote

    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def unit_names():
    from fuyuan.units.models import MemberUnit

    return list(MemberUnit.objects.filter(active=True).order_by("order", "name").values_list("name", flat=True))
