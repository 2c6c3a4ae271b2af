"""Setting up an office from Excel: member units (the office) and accounts (the system administrator)."""

import io

import openpyxl
from django.contrib.auth.password_validation import validate_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fuyuan.accounts.models import User
from fuyuan.units.models import MemberUnit


def workbook(header, rows):
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("导入.xlsx", buffer.getvalue())


def test_units_import_creates_and_updates_all_rows(world):
    data = workbook(["单位名称", "简称", "别名", "类别", "排序"], [
        ["旗审计局", "审计局", "审计局、旗审计部门", "政府部门", 300],
        ["旗公安局", "公安", "", "", ""],
    ])
    response = world.client("office").post(reverse("units:import"), {"workbook": data}, follow=True)
    assert response.status_code == 200 and not response.context["errors"]
    audit = MemberUnit.objects.get(name="旗审计局")
    assert audit.aliases == ["审计局", "旗审计部门"] and audit.order == 300
    assert MemberUnit.objects.get(name="旗公安局").short_name == "公安"


def test_a_bad_units_row_stops_the_whole_import(world):
    before = MemberUnit.objects.count()
    data = workbook(["单位名称", "类别", "排序"],
                    [["旗新设局", "政府部门", 1], ["", "法院", 2], ["旗另一局", "衙门", "x"]])
    response = world.client("office").post(reverse("units:import"), {"workbook": data})
    errors = [(row, column) for row, column, _message in response.context["errors"]]
    assert errors == [(3, "单位名称"), (4, "类别"), (4, "排序")]
    assert MemberUnit.objects.count() == before


def test_accounts_import_gives_first_passwords_and_no_roles(world):
    data = workbook(["用户名", "姓名", "单位", "电话", "邮箱"], [
        ["sjj", "审计局 王芳", "旗审计局", "0477-1234567", "wf@wushen.gov.cn"],
    ])
    response = world.client("sysadmin").post(reverse("accounts_import"), {"workbook": data})
    (account, password), = response.context["created"]
    assert account.role == "" and account.must_change_password
    assert account.unit.name == "旗审计局"
    assert User.objects.get(username="sjj").check_password(password)
    validate_password(password)  # the first password itself meets the password policy
    assert password in response.content.decode()


def test_accounts_import_refuses_existing_usernames_and_unknown_units(world):
    data = workbook(["用户名", "姓名", "单位"], [["gaj", "重复", "旗公安局"], ["new1", "新人", "不存在的局"]])
    response = world.client("sysadmin").post(reverse("accounts_import"), {"workbook": data})
    assert [(r, c) for r, c, _m in response.context["errors"]] == [(2, "用户名"), (3, "单位")]
    assert not User.objects.filter(username="new1").exists()


def test_only_the_right_administrator_imports(world):
    data = workbook(["用户名", "姓名"], [["x1", "某人"]])
    assert world.client("office").post(reverse("accounts_import"), {"workbook": data}).status_code == 403
    assert world.client("secadmin").post(reverse("accounts_import"), {"workbook": data}).status_code == 403
    assert world.client("sysadmin").post(reverse("units:import"), {"workbook": data}).status_code == 403
