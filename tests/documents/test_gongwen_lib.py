"""The 公文 builder's pieces: Chinese-numeral dates, heading fonts, the signature block, the 版记 lines."""

import datetime

import cn2an
import pytest
from docx.oxml.ns import qn

from fuyuan.lib.gongwen import Gongwen, chinese_date

from .conftest import open_docx


@pytest.mark.parametrize("day, text", [
    (datetime.date(2026, 11, 29), "二〇二六年十一月二十九日"),
    (datetime.date(2026, 1, 10), "二〇二六年一月十日"),
    (datetime.date(2030, 10, 20), "二〇三〇年十月二十日"),
    (datetime.date(2027, 12, 31), "二〇二七年十二月三十一日"),
])
def test_dates_in_chinese_numerals(day, text):
    assert chinese_date(day) == text


def test_every_day_of_a_year_agrees_with_cn2an():
    day = datetime.date(2028, 1, 1)
    while day.year == 2028:
        month_day = chinese_date(day).split("年")[1]
        assert month_day == f"{cn2an.an2cn(day.month)}月{cn2an.an2cn(day.day)}日", day
        day += datetime.timedelta(days=1)


def east_asian(paragraph):
    return paragraph.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_headings_signature_and_record():
    doc = Gongwen()
    doc.heading1("一、总体要求")
    doc.heading2("（一）指导思想")
    doc.body("正文。")
    doc.signature("府院联动联席会议办公室", datetime.date(2026, 11, 29))
    doc.record(printer="府院联动联席会议办公室", printed_on=datetime.date(2026, 11, 29), copy_to=["旗人民法院"])
    document = open_docx(doc.bytes())
    by_text = {p.text: p for p in document.paragraphs if p.text}
    assert east_asian(by_text["一、总体要求"]) == "黑体"
    assert east_asian(by_text["（一）指导思想"]) == "楷体_GB2312"
    date = by_text["二〇二六年十一月二十九日"]
    assert date.paragraph_format.right_indent.pt == pytest.approx(64)  # 成文日期 four characters in from the right
    copy_to = by_text["\u3000抄送：旗人民法院。"]
    assert copy_to._element.xpath("./w:pPr/w:pBdr/w:top[@w:sz='8']")  # the thick first line of the 版记
    assert "\u3000府院联动联席会议办公室\t2026年11月29日印发" in by_text
