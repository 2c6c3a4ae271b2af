"""Blank import workbooks from each import page: the header the import reads, one example row, drop-down lists;
filled in as they come, they import."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def download(world, name, username):
    response = world.client(username).get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def validations(sheet):
    """{column letter: the list's source} of every drop-down."""
    return {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1 for v in sheet.data_validations.dataValidation}


def test_the_items_template_has_units_and_deadline_kinds_as_drop_downs_and_imports(world):
    data = download(world, "tasks:import_template", "office")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["督办事项"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["序号", "类别", "督办事项", "牵头单位", "责任单位", "完成时限", "时限说明"]
    assert sheet["C2"].value == "建立府院联席会议制度"
    lists = validations(sheet)
    assert set(lists) == {"D", "E", "G"}
    options = book["选项"]
    assert options.sheet_state == "hidden"
    column = {cell.value: cell.column_letter for cell in options[1]}
    units = [c.value for c in options[column["牵头单位"]][1:]]
    assert "旗公安局" in units and "旗人民法院" in units
    assert "每季度定期开展" in [c.value for c in options[column["时限说明"]][1:]]
    assert lists["D"] == f"'选项'!${column['牵头单位']}$2:${column['牵头单位']}${len(units) + 1}"
    page = world.client("office").get(reverse("tasks:import")).content.decode()
    assert reverse("tasks:import_template") in page
    response = world.client("office").post(reverse("tasks:import"), {"workbook": SimpleUploadedFile("t.xlsx", data)})
    assert response.status_code == 302  # the example row is a valid item


def test_the_units_template_offers_the_unit_kinds_and_imports(world):
    data = download(world, "units:import_template", "office")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["成员单位"]
    assert [cell.value for cell in sheet[1]] == ["单位名称", "简称", "别名", "类别", "排序"]
    assert set(validations(sheet)) == {"D"}
    assert reverse("units:import_template") in world.client("office").get(reverse("units:import")).content.decode()
    response = world.client("office").post(reverse("units:import"), {"workbook": SimpleUploadedFile("u.xlsx", data)})
    assert "nothing was imported" not in response.content.decode() and "未导入" not in response.content.decode()


def test_the_accounts_template_offers_the_units_and_imports(world):
    data = download(world, "accounts_import_template", "sysadmin")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["账号"]
    assert [cell.value for cell in sheet[1]] == ["用户名", "姓名", "单位", "电话", "邮箱"]
    assert set(validations(sheet)) == {"C"}
    response = world.client("sysadmin").post(reverse("accounts_import"),
                                             {"workbook": SimpleUploadedFile("a.xlsx", data)})
    assert 'data-testid="first-passwords"' in response.content.decode()
