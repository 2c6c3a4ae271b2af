"""The 公文 builder's pieces: the 成文日期, heading fonts, the signature block, the 版记 lines."""

import datetime

import pytest
from docx.oxml.ns import qn

from fuyuan.lib.gongwen import Gongwen

from .conftest import open_docx


def signed_on(day, issuer="府院联动联席会议办公室"):
    doc = Gongwen()
    doc.body("正文。")
    doc.signature(issuer, day)
    paragraphs = [p for p in open_docx(doc.bytes()).paragraphs if p.text]
    return paragraphs[-2], paragraphs[-1]


@pytest.mark.parametrize("day, text", [
    (datetime.date(2026, 11, 29), "2026年11月29日"),
    (datetime.date(2026, 1, 5), "2026年1月5日"),      # no padding zero: not 2026年01月05日
    (datetime.date(2030, 10, 20), "2030年10月20日"),
    (datetime.date(2027, 12, 31), "2027年12月31日"),
])
def test_the_date_of_writing_is_in_arabic_numerals_as_gb_t_9704_2012_says(day, text):
    _issuer, date = signed_on(day)
    assert date.text == text  # not 二〇二六年十一月二十九日, the 1999 edition's form


def test_the_issuer_stands_centred_over_the_date_of_writing():
    issuer, date = signed_on(datetime.date(2026, 11, 29))
    # 11 characters over a date 7 characters wide (3 Chinese, 8 half-width digits): 2 characters further out.
    assert date.paragraph_format.right_indent.pt == pytest.approx(4 * 16)
    assert issuer.paragraph_format.right_indent.pt == pytest.approx(2 * 16)


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
    date = by_text["2026年11月29日"]
    assert date.paragraph_format.right_indent.pt == pytest.approx(64)  # 成文日期 four characters in from the right
    copy_to = by_text["\u3000抄送：旗人民法院。"]
    assert copy_to._element.xpath("./w:pPr/w:pBdr/w:top[@w:sz='8']")  # the thick first line of the 版记
    assert "\u3000府院联动联席会议办公室\t2026年11月29日印发" in by_text


def test_the_record_stands_at_the_foot_of_the_page_however_short_the_body():
    doc = Gongwen()
    doc.body("正文。")
    doc.record(printer="府院联动联席会议办公室", printed_on=datetime.date(2026, 11, 29), copy_to=["旗人民法院"])
    frames = [p._element.find(qn("w:pPr")).find(qn("w:framePr")) for p in open_docx(doc.bytes()).paragraphs
              if "抄送" in p.text or "印发" in p.text]
    assert len(frames) == 2 and all(f is not None and f.get(qn("w:vAnchor")) == "margin" for f in frames)
    copy_to, printed = (int(f.get(qn("w:y"))) for f in frames)
    text_height = 225 / 25.4 * 1440  # twips
    assert copy_to < printed < text_height and text_height - printed < 800  # the 印发 line is the last line

