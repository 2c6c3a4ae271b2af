"""督办通知单: the 公文 that hands an item to its units, with the tear-off 回执 each unit returns."""

from django.conf import settings
from django.utils import timezone

from fuyuan.documents.models import DocumentKind
from fuyuan.documents.services import masthead_mark, number_for
from fuyuan.lib.gongwen import Gongwen, arabic_date

from .selectors import lead_units, responsible_units

KIND = DocumentKind.SUPERVISION_NOTICE


def subject(task) -> str:
    return f"task:{task.pk}"


def title(task) -> str:
    return f"关于督办“{task.title}”的通知"


def supervision_notice(task, today=None) -> bytes:
    """The 督办通知单 of a task as .docx bytes."""
    today = today or timezone.localdate()
    lead, others = [u.name for u in lead_units(task)], [u.name for u in responsible_units(task)]
    doc = Gongwen()
    doc.masthead(masthead_mark(), number_for(KIND, subject(task), today.year))
    doc.title(title(task))
    doc.addressee("、".join(lead + others) or "各有关单位")
    doc.body("根据府院联动工作安排，现将下列事项交由你单位办理。请高度重视，明确责任人，按时限要求抓好落实。")
    doc.heading1("一、督办事项")
    doc.body(f"{task.number + ' ' if task.number else ''}{task.title}")
    if task.body:
        doc.body(task.body)
    doc.heading1("二、责任单位")
    doc.body(f"牵头单位：{'、'.join(lead) or task.lead_text or '—'}。")
    if others:
        doc.body(f"责任单位：{'、'.join(others)}。")
    doc.heading1("三、完成时限")
    doc.body(f"{task.deadline_display}。")
    doc.heading1("四、报送要求")
    doc.body("（一）请于收到本通知后3个工作日内在府院联动督办平台签收，并将回执报送联席会议办公室。")
    if task.cycle:
        doc.body(f"（二）本事项为长期事项，请{task.get_cycle_display()}在平台报送一次办理进展。")
    else:
        doc.body("（二）请在平台及时报送办理进展；确需延期的，应在期限届满前提出延期申请并说明理由。")
    doc.body("（三）办结后在平台提交办结申请，附办结报告及佐证材料，经联席会议办公室审核后办结。")
    doc.attachments(["督办事项回执"])
    doc.signature(settings.OFFICE_NAME, today)
    doc.record(printer=settings.OFFICE_NAME, printed_on=today)
    doc.page_break()
    doc.tear_off("督办事项回执", [
        ("督办事项", f"{task.number} {task.title}".strip()),
        ("完成时限", task.deadline_display),
        ("承办单位", ""), ("签收人", ""), ("联系电话", ""), ("签收日期", "　　年　　月　　日"),
        ("拟采取措施", "\n\n\n"), ("预计完成时间", ""),
    ], note=f"请于{arabic_date(today)}起3个工作日内将回执报送{settings.OFFICE_NAME}。")
    return doc.bytes()
