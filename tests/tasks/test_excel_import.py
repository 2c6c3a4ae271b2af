"""Tasks from Excel: the export round-trips, plain office sheets work, bad input is refused whole."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.excel import write_ledger
from tasks.models import DeadlineKind, Plan, Task
from tasks.selectors import all_ledger_tasks
from tests.tasks.builders import make_task

URL = reverse("tasks:import")
KEPT = 6  # 序号, 类别, 督办事项, 牵头单位, 责任单位, 完成时限: what an import carries


def workbook(rows, header=("序号", "任务", "牵头单位", "责任单位", "完成时限")):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, data, name="台账.xlsx", **extra):
    return client.post(URL, {"workbook": SimpleUploadedFile(name, data), **extra})


def exported(tasks):
    buffer = io.BytesIO()
    write_ledger(tasks, buffer, datetime.date(2026, 11, 22))
    return buffer.getvalue()


def cells(data, columns=KEPT):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row[:columns]] for row in sheet.iter_rows(min_row=2)]


def test_plain_office_sheet_imports_all_rows(world):
    data = workbook([
        (1, "建立府院联席会议制度", "旗司法局", "旗人民法院、旗人民检察院", "2027年3月31日"),
        (2, "开展行政机关负责人出庭应诉", "旗司法局", "旗直各部门", "长期坚持"),
        (10, "每季度通报行政诉讼情况", "旗人民法院", "", "每季度定期开展"),
    ])
    response = upload(world.client("office"), data, assign="on")
    assert response.status_code == 302
    tasks = list(Plan.objects.get().tasks.order_by("sort_key"))
    assert [t.number for t in tasks] == ["1", "2", "10"]
    assert tasks[0].due_date == datetime.date(2027, 3, 31) and tasks[0].status == "assigned"
    assert tasks[1].deadline_kind == DeadlineKind.LONG_TERM
    assert tasks[1].assignments.count() > 5  # 旗直各部门 expands to its units
    assert tasks[2].deadline_kind == DeadlineKind.PERIODIC and tasks[2].cycle == "quarterly"


def test_every_error_is_listed_by_row_and_column_and_nothing_is_written(world):
    data = workbook([
        (1, "", "旗司法局", "", "2027年3月31日"),
        (2, "事项二", "不存在的局", "", "长期坚持"),
        (3, "事项三", "旗司法局", "", "尽快"),
        (4, "事项四", "旗司法局", "", "2027年1月1日"),
    ])
    response = upload(world.client("office"), data)
    errors = [(e.row, e.column) for e in response.context["errors"]]
    assert errors == [(2, "督办事项"), (3, "牵头单位"), (4, "完成时限")]
    assert Task.objects.count() == 0


@pytest.mark.parametrize("data, name", [
    (b"", "空.xlsx"),
    (bytes(range(256)) * 40, "垃圾.xlsx"),
    (workbook([(1, "x", "旗司法局", "", "")], header=("编号", "内容", "单位")), "表头.xlsx"),
])
def test_bad_workbooks_are_refused_with_a_message(world, data, name):
    response = upload(world.client("office"), data, name)
    assert response.status_code == 200
    assert response.context["form"].errors["workbook"]
    assert Task.objects.count() == 0


def test_merged_cells_formulas_too_many_rows_and_size_are_refused(world):
    client = world.client("office")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "任务", "牵头单位"])
    sheet.append([1, "事项", "旗司法局"])
    sheet.append([2, "事项", "旗司法局"])
    sheet.merge_cells("C2:C3")
    buffer = io.BytesIO()
    book.save(buffer)
    assert "C2:C3" in str(upload(client, buffer.getvalue()).context["form"].errors["workbook"])

    formula = workbook([(1, "=HYPERLINK(\"http://x\")", "旗司法局", "", "")])
    book = openpyxl.load_workbook(io.BytesIO(formula))
    book.active["B2"] = "=1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    assert "B2" in str(upload(client, buffer.getvalue()).context["form"].errors["workbook"])

    many = workbook([(n, f"事项{n}", "旗司法局", "", "长期坚持") for n in range(10_000)])
    assert "5000" in str(upload(client, many).context["form"].errors["workbook"])

    huge = SimpleUploadedFile("大.xlsx", b"0" * (5 * 1024 * 1024 + 1))
    assert client.post(URL, {"workbook": huge}).context["form"].errors["workbook"]
    assert Task.objects.count() == 0


def test_the_ledger_export_round_trips(world):
    make_task(world, "=1+1 以等号开头的事项", responsible=["旗人民法院", "旗财政局"], due_in=12)
    make_task(world, "长期坚持的事项", lead="旗人民检察院", due_in=None)
    original = exported(all_ledger_tasks().order_by("sort_key", "pk"))
    Task.objects.all().delete()
    upload(world.client("office"), original, "督办台账.xlsx")
    assert cells(exported(all_ledger_tasks().order_by("sort_key", "pk"))) == cells(original)


UNITS = ["旗司法局", "旗人民法院", "旗人民检察院", "旗公安局", "旗财政局"]
row_strategy = st.tuples(
    st.text(alphabet="督办事项推进=+-@法治政府建设123", min_size=1, max_size=30).filter(lambda s: s.strip() == s),
    st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True),
    st.one_of(st.dates(datetime.date(2024, 1, 1), datetime.date(2030, 12, 31)), st.none()),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(row_strategy, min_size=1, max_size=6))
def test_round_trip_property(world, rows):
    from tasks import services
    from tasks.models import Origin

    Task.objects.all().delete()
    office = world.user("office")
    for n, (title, units, due) in enumerate(rows, start=1):
        services.create_task(by=office, origin=Origin.ADHOC, title=title, number=str(n), sort_key=f"{n:06d}",
                             lead_units=[world.unit(units[0])], responsible_units=[world.unit(u) for u in units[1:]],
                             deadline_kind=DeadlineKind.DATE if due else DeadlineKind.LONG_TERM, due_date=due)
    original = exported(all_ledger_tasks().order_by("sort_key", "pk"))
    Task.objects.all().delete()
    response = upload(world.client("office"), original)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert cells(exported(all_ledger_tasks().order_by("sort_key", "pk"))) == cells(original)


def test_cli_imports_or_refuses_whole(world, tmp_path):
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook([(1, "事项一", "旗司法局", "", "2027年1月1日")]))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([(1, "事项一", "旗司法局", "", ""), (2, "事项二", "无此单位", "", "")]))
    with pytest.raises(CommandError):
        call_command("import_tasks", str(bad))
    assert Task.objects.count() == 0
    call_command("import_tasks", str(good))
    assert Task.objects.get().title == "事项一"
