"""通报: for a month, quarter, half-year or year — closed, in progress and overdue counts, lagging units named,
overdue items listed. The same content as a printable page and a .docx."""

import datetime
import io

from django.utils import timezone

from fuyuan.dashboard import by_unit
from tasks import deadlines
from tasks.models import OPEN_STATUSES, Status
from tasks.selectors import all_ledger_tasks


def period_of(key: str | None, today: datetime.date):
    """The period a key names (2026-Q3, 2026-10, 2026-H2, 2026); by default the last full quarter."""
    if key:
        try:
            return deadlines.period_from_key(key)
        except ValueError:
            pass
    return deadlines.previous_period(deadlines.period_containing(today, deadlines.QUARTERLY))


def content(period, today=None):
    today = today or timezone.localdate()
    as_of = min(today, period.end)
    tasks = all_ledger_tasks(as_of).filter(assigned_on__lte=period.end).exclude(status=Status.DRAFT)
    closed = tasks.filter(closed_on__range=(period.start, period.end))
    open_items = tasks.filter(status__in=OPEN_STATUSES)
    overdue = list(open_items.filter(light=deadlines.OVERDUE).order_by("due_date", "sort_key"))
    lagging = [row for row in by_unit(period.start.year, as_of, named_only=True)
               if row["lead_overdue"] or row["missing_count"]]
    return {
        "period": period, "as_of": as_of,
        "closed": closed.count(), "closed_on_time": closed.filter(light=deadlines.CLOSED_ON_TIME).count(),
        "in_progress": open_items.count(), "overdue_count": len(overdue), "overdue": overdue,
        "missing": open_items.filter(missing_report=True).count(), "lagging": lagging,
    }


def docx(data) -> bytes:
    import docx as docx_lib
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from tasks.selectors import lead_units

    document = docx_lib.Document()
    document.styles["Normal"].font.size = Pt(14)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"关于{data['period'].label}府院联动工作推进情况的通报")
    run.bold = True
    run.font.size = Pt(20)
    document.add_paragraph("各成员单位：")
    document.add_paragraph(
        f"截至{_cn(data['as_of'])}，{data['period'].label}共办结督办事项{data['closed']}项（其中按期办结"
        f"{data['closed_on_time']}项），在办{data['in_progress']}项，逾期未办结{data['overdue_count']}项，"
        f"缺报{data['missing']}项。")
    if data["lagging"]:
        names = "、".join(row["unit__name"] for row in data["lagging"])
        document.add_paragraph(f"存在逾期或缺报情况的单位：{names}。请上述单位高度重视，抓紧整改。")
    if data["overdue"]:
        document.add_paragraph("逾期未办结事项：")
        for task in data["overdue"]:
            lead = "、".join(unit.name for unit in lead_units(task))
            document.add_paragraph(f"{task.number} {task.title}（牵头单位：{lead}；完成时限：{_cn(task.due_date)}）")
    document.add_paragraph("府院联动联席会议办公室")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cn(day):
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
