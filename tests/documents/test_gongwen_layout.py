"""Every Word document the platform writes is a 公文 as GB/T 9704-2012 lays it out, opened as Word would.

Page: A4, 天头 37 mm, 订口 28 mm, a 156 × 225 mm text block on a 22-line grid; 「— 1 —」 page numbers in 4号
on the outer side; title 2号 方正小标宋简体 and body 3号 仿宋_GB2312 as East Asian fonts (w:eastAsia), each named
with a fallback; then the elements each kind carries.
"""

import datetime

import pytest
from django.urls import reverse
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fuyuan.lib.gongwen import arabic_date
from tasks import deadlines

from .conftest import all_text, open_docx

TODAY = datetime.date.today()


def fetch(world, name, *, args=None, query=None, username="office"):
    response = world.client(username).get(reverse(name, args=args), query or {})
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].endswith("wordprocessingml.document")
    return response.content


def documents(subjects):
    """(kind, bytes) of every kind of document."""
    period = deadlines.period_containing(TODAY, deadlines.QUARTERLY)
    return {
        "supervision_notice": fetch(subjects, "tasks:notice_docx", args=[subjects.task.pk]),
        "meeting_notice": fetch(subjects, "meetings:document_docx", args=[subjects.meeting.pk, "notice"]),
        "minutes": fetch(subjects, "meetings:document_docx", args=[subjects.meeting.pk, "minutes"]),
        "bulletin": fetch(subjects, "assessment:bulletin", query={"period": period.key, "format": "docx"}),
        "assessment": fetch(subjects, "assessment:notice", query={"year": TODAY.year}),
        "court_bulletin": fetch(subjects, "cases:bulletin", query={"period": period.key, "format": "docx"}),
    }


def east_asian(run):
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def title_run(document):
    """The 2号 run of the title (the first run set in 22 pt)."""
    return next(run for p in document.paragraphs for run in p.runs if run.font.size == Pt(22))


def assert_gongwen_page(document):
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    assert abs(section.top_margin - Mm(37)) < Mm(0.5)       # 天头
    assert abs(section.left_margin - Mm(28)) < Mm(0.5)      # 订口
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(width - Mm(156)) < Mm(0.5) and abs(height - Mm(225)) < Mm(0.5)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert int(grid.get(qn("w:linePitch"))) * 22 == pytest.approx(Mm(225).pt * 20, rel=0.01)  # 22 lines
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)  # 3号
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    # 28 characters a line: 156 mm ÷ (16 pt + the body's character spacing) ≥ 28.
    spacing = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert int(Mm(156).pt // (16 + spacing)) == 28
    title = title_run(document)
    assert east_asian(title) == "方正小标宋简体"
    # Page numbers: 「— N —」 in 4号, right on odd pages and left on even ones.
    assert document.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment is not None and side.upper() in str(paragraph.alignment)
        assert "—" in paragraph.text
        assert paragraph._element.xpath(".//w:instrText[contains(., 'PAGE')]")
        assert {run.font.size for run in paragraph.runs} == {Pt(14)}
    # The commercial faces are named with a fallback, never embedded.
    font_table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in font_table.blob.decode()
    assert not [p for p in document.part.package.iter_parts() if "fonts/" in str(p.partname)]


def assert_head_and_record(document, number_prefix="府院联办"):
    text = all_text(document)
    mark = document.paragraphs[0].runs[0]
    assert mark.text == "府院联动联席会议办公室文件" and str(mark.font.color.rgb) == "FF0000"  # 发文机关标志, red
    assert number_prefix in text                                                             # 发文字号
    assert arabic_date(TODAY) in [p.text for p in document.paragraphs]                       # 成文日期
    assert f"{TODAY.year}年{TODAY.month}月{TODAY.day}日印发" in text                          # 印发日期
    return text


def test_every_kind_has_the_gongwen_page_and_fonts(subjects):
    for kind, data in documents(subjects).items():
        document = open_docx(data)
        try:
            assert_gongwen_page(document)
        except AssertionError as error:
            raise AssertionError(f"{kind}: {error}") from error


def test_supervision_notice_says_what_who_when_how_and_has_a_tear_off_receipt(subjects):
    document = open_docx(fetch(subjects, "tasks:notice_docx", args=[subjects.task.pk]))
    text = assert_head_and_record(document)
    assert "关于督办“建立行政机关负责人出庭应诉通报制度”的通知" in text
    assert "旗公安局、旗财政局：" in text  # 主送机关
    assert "牵头单位：旗公安局" in text and "责任单位：旗财政局" in text
    assert "三、完成时限" in text and "四、报送要求" in text
    assert "附件：督办事项回执" in text
    assert "沿此线剪下" in text and "督办事项回执" in text and "签收人" in text
    headings = [p for p in document.paragraphs if p.text == "一、督办事项"]
    assert east_asian(headings[0].runs[0]) == "黑体"


def test_meeting_notice_has_its_reply_slip(subjects):
    document = open_docx(fetch(subjects, "meetings:document_docx", args=[subjects.meeting.pk, "notice"]))
    text = assert_head_and_record(document)
    assert "关于召开府院联动联席会议全体会议（第2次）的通知" in text
    assert "二、会议议程" in text and "通报上半年工作" in text
    assert "参会回执" in text and "是否主要负责同志参会" in text


def test_minutes_are_numbered_per_issue_and_list_who_came(subjects):
    document = open_docx(fetch(subjects, "meetings:document_docx", args=[subjects.meeting.pk, "minutes"]))
    text = all_text(document)
    assert "第　期" in text  # not issued yet: the number is left blank
    assert "出席：旗公安局局长" in text
    assert "列席：旗人民法院副院长（代）" in text
    assert "请假：旗财政局（参加市级培训）" in text
    assert "缺席：旗司法局" in text
    assert "会议研究部署了下半年重点任务。" in text
    subjects.client("office").post(reverse("documents:issue"), {
        "kind": "minutes", "subject": f"meeting:{subjects.meeting.pk}:minutes"})
    text = all_text(open_docx(fetch(subjects, "meetings:document_docx", args=[subjects.meeting.pk, "minutes"])))
    assert "第1期" in text


def test_bulletin_has_the_unit_table_and_names_commended_and_criticised_units(subjects):
    from tasks import services
    from tests.tasks.builders import make_task

    done = make_task(subjects, "按期办结的事项", lead="旗人民法院", due_in=10)
    services.request_closure(task=done, by=subjects.user("court"), summary="完成")
    services.close(task=done, by=subjects.user("office"))
    period = deadlines.period_containing(TODAY, deadlines.QUARTERLY)
    document = open_docx(fetch(subjects, "assessment:bulletin", query={"period": period.key, "format": "docx"}))
    text = assert_head_and_record(document)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["单位", "牵头事项", "按期办结", "牵头逾期", "配合逾期", "缺报"]
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows[1:]}
    assert rows["旗公安局"][2] == "1"  # the overdue lead item
    assert "旗人民法院按期办结牵头事项" in text and "予以通报表扬" in text
    assert "旗公安局存在逾期或缺报情况" in text and "予以通报批评" in text
    assert "抄送：联席会议召集人、常务副召集人、副召集人。" in text


def test_assessment_notice_ranks_the_units(subjects):
    document = open_docx(fetch(subjects, "assessment:notice", query={"year": TODAY.year}))
    text = assert_head_and_record(document)
    assert f"关于{TODAY.year}年度府院联动工作考核结果的通报" in text
    assert [c.text for c in document.tables[0].rows[0].cells] == ["名次", "单位", "得分", "人工调整"]
    assert "不参加排名" in text
    assert "2026年第1版" in text or f"{TODAY.year}年第1版" in text
