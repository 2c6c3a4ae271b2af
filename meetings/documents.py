"""会议通知 and 会议纪要: the same content as a printable page and as a Word document (python-docx)."""


from django.utils import timezone
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


def subject(meeting, kind) -> str:
    return f"meeting:{meeting.pk}:{kind}"


def title(meeting, kind) -> str:
    return ("关于召开" + meeting.display_title + "的通知") if kind == "notice" else meeting.display_title + "纪要"


def docx(meeting, kind, today=None):
    """(bytes, filename) of the 会议通知 (with its 参会回执) or the 会议纪要 (第N期), as 公文."""
    from django.conf import settings

    from fuyuan.documents.models import DocumentKind
    from fuyuan.documents.services import masthead_mark, number_for
    from fuyuan.lib.gongwen import Gongwen

    today = today or timezone.localdate()
    data = context(meeting)
    doc = Gongwen()
    if kind == "notice":
        doc.masthead(masthead_mark(), number_for(DocumentKind.MEETING_NOTICE, subject(meeting, kind), today.year))
        doc.title(title(meeting, kind))
        doc.addressee("、".join(data["units"]) or "各成员单位")
        doc.body(f"经研究，定于{data['when']}在{meeting.place or '（地点另行通知）'}召开"
                 f"{meeting.display_title}。现将有关事项通知如下：")
        doc.heading1("一、会议时间和地点")
        doc.body(f"时间：{data['when']}。")
        doc.body(f"地点：{meeting.place or '另行通知'}。")
        if data["agenda_lines"]:
            doc.heading1("二、会议议程")
            for line in data["agenda_lines"]:
                doc.body(line)
        doc.heading1("三、参会人员" if data["agenda_lines"] else "二、参会人员")
        doc.body("、".join(data["units"]) + "主要负责同志。主要负责同志确因特殊情况不能参会的，"
                 "须书面说明理由并指定其他负责同志参会。")
        doc.heading1("四、有关要求" if data["agenda_lines"] else "三、有关要求")
        doc.body("请各单位于会前填写参会回执，由联络员在平台确认参会人员，或将回执报送联席会议办公室。")
        doc.attachments(["参会回执"])
        doc.signature(settings.OFFICE_NAME, today)
        doc.record(printer=settings.OFFICE_NAME, printed_on=today)
        doc.page_break()
        doc.tear_off("参会回执", [("单位", ""), ("参会人员", ""), ("职务", ""), ("联系电话", ""),
                                  ("是否主要负责同志参会", "□是　　□否（请说明理由）"), ("备注", "")])
        filename = f"会议通知-{meeting.display_title}.docx"
    else:
        _minutes(doc, meeting, data, number_for(DocumentKind.MINUTES, subject(meeting, kind), today.year))
        filename = f"会议纪要-{meeting.display_title}.docx"
    return doc.bytes(), filename


def _minutes(doc, meeting, data, number):
    """纪要: its own head (name, 第N期, the office and date over a red line), then the lists and the decisions."""
    from django.conf import settings
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from fuyuan.lib.gongwen import RED, TITLE_FONT, set_font

    paragraph = doc.document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run(f"{meeting.type.name if meeting.type_id else '联席会议'}纪要"), TITLE_FONT,
             size=Pt(30), color=RED)
    doc.blank(1)
    doc.masthead_line(number, settings.OFFICE_NAME, timezone.localdate(meeting.starts_at))
    doc.title(title(meeting, "minutes"))
    doc.body(f"{data['when']}，{meeting.host or '召集人'}在{meeting.place or '会议室'}主持召开"
             f"{meeting.display_title}。")
    attended = data["attended"]
    doc.body("出席：" + ("、".join(f"{i.unit.name}{i.actual_attendee}" for i in attended
                                  if i.attended_by_principal is not False) or "无"), indent=False)
    deputies = [i for i in attended if i.attended_by_principal is False]
    doc.body("列席：" + ("、".join(f"{i.unit.name}{i.actual_attendee}（代）" for i in deputies) or "无"),
             indent=False)
    excused = [i for i in data["absent"] if i.reason]
    doc.body("请假：" + ("、".join(f"{i.unit.name}（{i.reason}）" for i in excused) or "无"), indent=False)
    unexcused = [i for i in data["absent"] if not i.reason]
    if unexcused:
        doc.body("缺席：" + "、".join(i.unit.name for i in unexcused), indent=False)
    for paragraph_text in meeting.minutes.split("\n"):
        if paragraph_text.strip():
            doc.body(paragraph_text.strip())
    if data["decisions"]:
        doc.heading1("会议议定事项")
        for decision in data["decisions"]:
            lead = "、".join(u.name for u in decision.lead_units.all())
            others = "、".join(u.name for u in decision.responsible_units.all())
            due = f"，{decision.due_date.year}年{decision.due_date.month}月{decision.due_date.day}日前完成" \
                if decision.due_date else ""
            doc.body(f"{decision.number}. {decision.text}（牵头单位：{lead}"
                     f"{'；责任单位：' + others if others else ''}{due}）")
    doc.record(printer=settings.OFFICE_NAME, printed_on=timezone.localdate())
