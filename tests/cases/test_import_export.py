"""The court's workbook: all cases or none, each problem named by row and column; the export imports back."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cases.models import Case, Hearing

from .builders import D, case

HEADER = ["案号", "类型", "审级", "案由", "原告类型", "被告", "立案日期", "开庭日期", "结案日期", "结案方式",
          "协调化解"]


def workbook(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("cases.xlsx", buffer.getvalue())


GOOD = [
    ["(2026)蒙0626行初1号", "行政诉讼", "", "行政处罚", "自然人", "公安局", "2026-01-05", "2026-02-10、2026-03-01",
     "2026-04-01", "撤诉", "是"],
    ["（2026）蒙0626行初2号", "", "一审", "工伤认定", "企业", "旗人社局", D(2026, 1, 8), "", "", "", ""],
    ["（2026）蒙0626行初3号", "", "", "政府信息公开", "其他组织", "某某市不动产登记中心", "2026年1月9日", "", "", "",
     ""],
]


def test_a_good_workbook_registers_every_case(world):
    response = world.client("court").post(reverse("cases:import"), {"workbook": workbook(GOOD)})
    assert response.status_code == 200
    assert Case.objects.count() == 3
    first = Case.objects.get(number="（2026）蒙0626行初1号")
    assert (first.instance, first.defendant.name, first.outcome, first.coordinated) == ("first", "旗公安局",
                                                                                       "withdrawn", True)
    assert list(first.hearings.values_list("held_on", flat=True)) == [D(2026, 2, 10), D(2026, 3, 1)]
    external = Case.objects.get(number="（2026）蒙0626行初3号")
    assert external.defendant is None and external.defendant_name == "某某市不动产登记中心"
    assert external.court_unit == world.unit("旗人民法院")


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_imported(world):
    case(world, filed=D(2026, 1, 1))
    existing = Case.objects.get().number
    rows = [GOOD[0],
            ["（2026）蒙0626民初9号", "", "", "行政处罚", "", "公安局", "2026-01-05", "", "", "", ""],
            [existing, "", "", "行政处罚", "", "公安局", "2026-01-05", "", "", "", ""],
            ["（2026）蒙0626行初7号", "", "", "行政处罚", "法人", "公安局", "2026-13-05", "", "", "", ""],
            ["（2026）蒙0626行初8号", "", "", "行政处罚", "", "公安局", "2026-01-05", "", "2026-02-01", "胜诉", ""],
            ["（2026）蒙0626行初1号", "", "", "行政处罚", "", "公安局", "2026-01-05", "2025-12-01", "", "", ""]]
    response = world.client("court").post(reverse("cases:import"), {"workbook": workbook(rows)})
    errors = response.context["errors"]
    where = {(row, column) for row, column, _message in errors}
    assert (3, "案号") in where  # 民初: not an administrative case number
    assert (4, "案号") in where  # already registered
    assert (5, "原告类型") in where and (5, "立案日期") in where
    assert (6, "结案方式") in where
    assert (7, "案号") in where  # twice in the workbook
    assert (7, "开庭日期") in where  # before filing
    assert Case.objects.count() == 1 and Hearing.objects.count() == 0
    assert "data-testid=\"import-errors\"" in response.content.decode()


def test_a_liaison_cannot_import_and_the_court_cannot_import_reviews(world):
    assert world.client("gaj").get(reverse("cases:import")).status_code == 403
    rows = [["乌审政复〔2026〕1号", "行政复议", "", "行政处罚", "", "公安局", "2026-01-05", "", "", "", ""]]
    response = world.client("court").post(reverse("cases:import"), {"workbook": workbook(rows)})
    assert [(r, c) for r, c, _m in response.context["errors"]] == [(2, "类型")]
    assert not Case.objects.exists()


def test_the_export_reads_as_the_register_and_imports_back(world):
    world.client("court").post(reverse("cases:import"), {"workbook": workbook(GOOD)})
    response = world.client("office").get(reverse("cases:export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "行政案件台账" in rows[0][0]  # the title row every export prints above its header
    assert rows[1][:3] == ("案号", "类型", "法院")
    by_number = {row[0]: row for row in rows[2:]}
    first = by_number["（2026）蒙0626行初1号"]
    assert first[1] == "行政诉讼" and first[3] == "一审" and first[6] == "旗公安局" and first[11] == "撤诉"
    assert first[9] == "2026年2月10日、2026年3月1日"
    assert sheet["I3"].is_date
    Case.objects.all().delete()
    again = world.client("court").post(reverse("cases:import"), {"workbook": SimpleUploadedFile("x.xlsx",
                                                                                               response.content)})
    assert not again.context["errors"]
    assert Case.objects.count() == 3
    assert Case.objects.get(number="（2026）蒙0626行初1号").hearings.count() == 2
