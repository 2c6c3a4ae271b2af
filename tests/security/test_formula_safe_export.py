"""Cells of exports that begin with = + - @ are text with Excel's quote-prefix style, so an edit or a CSV
save cannot turn them into formulas; LibreOffice, reading the file as a user would, keeps them as text."""

import io
import shutil
import subprocess

import openpyxl
import pytest

from fuyuan.lib.excel import add_sheet, new_workbook, workbook_bytes

PAYLOADS = ["=HYPERLINK(\"http://evil.example\",\"点此\")", "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def exported():
    workbook = new_workbook()
    add_sheet(workbook, "导出", ["事项"], [[p] for p in PAYLOADS] + [["普通文本"], [-5]])
    return workbook_bytes(workbook)


def test_formula_looking_text_is_quote_prefixed_text():
    sheet = openpyxl.load_workbook(io.BytesIO(exported())).active
    first = 3  # every export prints a title row and the header above its data
    assert sheet.cell(row=first - 1, column=1).value == "事项"
    for row, payload in enumerate(PAYLOADS, start=first):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type == "s" and cell.value == payload
        assert cell.quotePrefix is True
    assert sheet.cell(row=first + len(PAYLOADS), column=1).quotePrefix is False
    assert sheet.cell(row=first + len(PAYLOADS) + 1, column=1).value == -5  # numbers stay numbers


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_saved_as_csv_by_libreoffice_the_cells_stay_text(tmp_path):
    (tmp_path / "export.xlsx").write_bytes(exported())
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "csv", "--outdir", str(tmp_path), str(tmp_path / "export.xlsx")],
                   check=True, capture_output=True, timeout=120)
    text = (tmp_path / "export.csv").read_text(encoding="utf-8", errors="replace")
    assert "evil.example" in text  # the formula's text, not a computed link label
    assert "+1+1" in text and "-2+3" in text  # not 2 and 1
