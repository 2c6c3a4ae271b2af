"""通报: for a month, quarter, half-year or year — closed, in progress and overdue counts, lagging units named,
overdue items listed. The same content as a printable page and a .docx."""

import datetime

from django.utils import timezone

from fuyuan.dashboard import by_unit
from fuyuan.lib.dates import arabic_date
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
    units = by_unit(period.start.year, as_of)
    lagging = [row for row in by_unit(period.start.year, as_of, named_only=True)
               if row["lead_overdue"] or row["missing_count"]]
    # Commended: units that closed items on time as lead and have nothing overdue or unreported.
    commended = [row for row in units if row["lead_on_time"] and not row["lead_overdue"]
                 and not row["responsible_overdue"] and not row["missing_count"]]
    return {
        "period": period, "as_of": as_of,
        "closed": closed.count(), "closed_on_time": closed.filter(light=deadlines.CLOSED_ON_TIME).count(),
        "in_progress": open_items.count(), "overdue_count": len(overdue), "overdue": overdue,
        "missing": open_items.filter(missing_report=True).count(), "lagging": lagging,
        "units": units, "commended": commended,
    }


# 通报 and the 考核 result go to the member units and are copied to the joint meeting's conveners.
COPY_TO = ["联席会议召集人、常务副召集人、副召集人"]


def subject(period) -> str:
    return f"bulletin:{period.key}"


def title(period) -> str:
    return f"关于{period.label}府院联动工作推进情况的通报"


def docx(data, today=None) -> bytes:
    """The 通报 as a 公文: number, figures, a per-unit table, the units commended and those criticised."""
    from django.conf import settings

    from fuyuan.documents.models import DocumentKind
    from fuyuan.documents.services import masthead_mark, number_for
    from fuyuan.lib.gongwen import Gongwen
    from tasks.selectors import lead_units

    today = today or timezone.localdate()
    doc = Gongwen()
    doc.masthead(masthead_mark(), number_for(DocumentKind.BULLETIN, subject(data["period"]), today.year))
    doc.title(title(data["period"]))
    doc.addressee("各成员单位")
    doc.body(f"截至{arabic_date(data['as_of'])}，{data['period'].label}共办结督办事项{data['closed']}项（其中按期办结"
             f"{data['closed_on_time']}项），在办{data['in_progress']}项，逾期未办结{data['overdue_count']}项，"
             f"缺报{data['missing']}项。现将有关情况通报如下：")
    doc.heading1("一、各单位办理情况")
    doc.table(["单位", "牵头事项", "按期办结", "牵头逾期", "配合逾期", "缺报"],
              [[row["unit__name"], row["lead"], row["lead_on_time"], row["lead_overdue"], row["responsible_overdue"],
                row["missing_count"]] for row in data["units"]],
              widths_mm=[32, 25, 25, 25, 25, 24])
    doc.heading1("二、表扬的单位")
    if data["commended"]:
        names = "、".join(row["unit__name"] for row in data["commended"])
        doc.body(f"{names}按期办结牵头事项，无逾期、无缺报，予以通报表扬。")
    else:
        doc.body("本期无。")
    doc.heading1("三、需要改进的单位")
    if data["lagging"]:
        names = "、".join(row["unit__name"] for row in data["lagging"])
        doc.body(f"{names}存在逾期或缺报情况，予以通报批评。请上述单位高度重视，抓紧整改，"
                 f"并于10个工作日内将整改情况报联席会议办公室。")
    else:
        doc.body("本期无。")
    if data["overdue"]:
        doc.heading1("四、逾期未办结事项")
        for task in data["overdue"]:
            lead = "、".join(unit.name for unit in lead_units(task))
            doc.body(f"{task.number} {task.title}（牵头单位：{lead}；完成时限：{arabic_date(task.due_date)}）")
    doc.signature(settings.OFFICE_NAME, today)
    doc.record(printer=settings.OFFICE_NAME, printed_on=today, copy_to=COPY_TO)
    return doc.bytes()
