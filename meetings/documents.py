"""会议通知 and 会议纪要: the same content as a printable page and as a Word document (python-docx)."""

import io

import docx as docx_lib
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


def _when(meeting):
    local = timezone.localtime(meeting.starts_at)
    weekday = "一二三四五六日"[local.weekday()]
    return f"{local.year}年{local.month}月{local.day}日（星期{weekday}）{local:%H:%M}"


def context(meeting):
    """What both renderings show."""
    invitations = list(meeting.invitations.select_related("unit"))
    return {
        "when": _when(meeting),
        "units": [i.unit.name for i in invitations],
        "attended": [i for i in invitations if i.attended],
        "absent": [i for i in invitations if i.attended is False],
        "decisions": list(meeting.decisions.prefetch_related("lead_units", "responsible_units")),
        "agenda_lines": [line for line in meeting.agenda.splitlines() if line.strip()],
    }


def docx(meeting, kind):
    """(bytes, filename) of the notice or the minutes."""
    data = context(meeting)
    document = docx_lib.Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    if kind == "notice":
        _title(document, "关于召开" + meeting.display_title + "的通知")
        document.add_paragraph("各成员单位：")
        document.add_paragraph(f"经研究，定于{data['when']}在{meeting.place or '（地点另行通知）'}召开"
                               f"{meeting.display_title}。现将有关事项通知如下：")
        if data["agenda_lines"]:
            document.add_paragraph("一、会议议程")
            for line in data["agenda_lines"]:
                document.add_paragraph(line)
        document.add_paragraph("二、参会人员")
        document.add_paragraph("、".join(data["units"]) + "主要负责同志。主要负责同志确因特殊情况不能参会的，"
                               "须书面说明理由并指定其他负责同志参会。")
        document.add_paragraph("三、请各单位联络员于会前在平台确认参会人员。")
        filename = f"会议通知-{meeting.display_title}.docx"
    else:
        _title(document, meeting.display_title + "纪要")
        document.add_paragraph(f"{data['when']}，{meeting.host or '召集人'}在{meeting.place}主持召开"
                               f"{meeting.display_title}。")
        if data["attended"]:
            document.add_paragraph("出席：" + "、".join(
                f"{i.unit.name}{i.actual_attendee}" for i in data["attended"]))
        if data["absent"]:
            document.add_paragraph("缺席：" + "、".join(
                f"{i.unit.name}{'（' + i.reason + '）' if i.reason else ''}" for i in data["absent"]))
        for paragraph in meeting.minutes.split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
        if data["decisions"]:
            document.add_paragraph("会议议定事项：")
            for decision in data["decisions"]:
                lead = "、".join(u.name for u in decision.lead_units.all())
                others = "、".join(u.name for u in decision.responsible_units.all())
                due = f"，{decision.due_date.year}年{decision.due_date.month}月{decision.due_date.day}日前完成" \
                    if decision.due_date else ""
                document.add_paragraph(f"{decision.number}. {decision.text}（牵头单位：{lead}"
                                       f"{'；责任单位：' + others if others else ''}{due}）")
        filename = f"会议纪要-{meeting.display_title}.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), filename


def _title(document, text):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(20)
