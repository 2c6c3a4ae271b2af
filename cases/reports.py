"""What the register prints: the case workbook (the import's own columns), and the court's quarterly
出庭应诉通报 with a 白皮书-style annual table per defendant unit, as a page, a .docx and a .xlsx."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from fuyuan.lib.dates import arabic_date
from fuyuan.lib.excel import add_sheet, new_workbook, workbook_bytes
from tasks import deadlines

from . import importing
from .models import HEAD_PRESENT, LOST, MEDIATED_OR_WITHDRAWN, Attendance, Case, Hearing, Instance, Proceeding

EXPORT_HEADERS = ["案号", "类型", "法院", "审级", "案由", "原告类型", "被告", "申请日期", "立案日期", "开庭日期",
                  "结案日期", "结案方式", "协调化解", "诉前化解", "负责人出庭", "备注"]
ATTENDANCE_TEXT = {Attendance.PRINCIPAL: "正职", Attendance.DEPUTY: "副职", Attendance.ABSENT: "未出庭", "": "未报备"}


def _text_of(table):
    """Invert an import table: value → the first (canonical) Chinese text, so an export imports back."""
    out = {}
    for text, value in table.items():
        if text:
            out.setdefault(value, text)
    return out


def export_rows(cases):
    """Workbook rows for a case queryset (hearings prefetched in one query)."""
    proceedings, instances = _text_of(importing.PROCEEDINGS), _text_of(importing.INSTANCES)
    plaintiffs, outcomes = _text_of(importing.PLAINTIFFS), _text_of(importing.OUTCOMES)
    pre = _text_of(importing.PRE_LITIGATION)
    for case in cases.select_related("defendant").prefetch_related("hearings"):
        hearings = list(case.hearings.all())
        yield [case.number, proceedings[case.proceeding], case.court, instances.get(case.instance, ""), case.cause,
               plaintiffs[case.plaintiff_type], case.defendant_display, case.applied_on, case.filed_on,
               "、".join(arabic_date(h.held_on) for h in hearings),
               case.closed_on, outcomes.get(case.outcome, ""), "是" if case.coordinated else "",
               pre.get(case.pre_litigation, ""),
               "、".join(ATTENDANCE_TEXT[h.attendance] + (f"（{h.head_name}）" if h.head_name else "")
                        for h in hearings), case.note]


def export_workbook(cases) -> bytes:
    workbook = new_workbook()
    add_sheet(workbook, "行政案件台账", EXPORT_HEADERS, export_rows(cases),
              widths=[26, 10, 18, 8, 16, 10, 22, 12, 12, 24, 12, 14, 8, 10, 20, 20])
    return workbook_bytes(workbook)


def period_of(key, today):
    """The period a key names (2026-Q3, 2026-10, 2026); by default the last full quarter."""
    if key:
        try:
            return deadlines.period_from_key(key)
        except ValueError:
            pass
    return deadlines.previous_period(deadlines.period_containing(today, deadlines.QUARTERLY))


def _rate(part, whole):
    return round(part * 100 / whole, 1) if whole else None


def bulletin(period, user, today=None) -> dict:
    """出庭应诉 in a period and the year's table per defendant unit, over the cases `user` may see (3 queries)."""
    today = today or timezone.localdate()
    hearings = Hearing.objects.visible_to(user).filter(held_on__gte=period.start,
                                                       held_on__lte=min(period.end, today))
    present = Q(attendance__in=HEAD_PRESENT)
    per_unit = list(hearings.order_by().values("case__defendant__name", "case__defendant_name").annotate(
        held=Count("pk"), principal=Count("pk", filter=Q(attendance=Attendance.PRINCIPAL)),
        deputy=Count("pk", filter=Q(attendance=Attendance.DEPUTY)), spoke=Count("pk", filter=Q(spoke=True)),
        present=Count("pk", filter=present)))
    for row in per_unit:
        row["unit"] = row["case__defendant__name"] or row["case__defendant_name"]
        row["absent"] = row["held"] - row["present"]
        row["rate"] = _rate(row["present"], row["held"])
    per_unit.sort(key=lambda r: (r["rate"] if r["rate"] is not None else 101, r["unit"]))
    totals = {key: sum(row[key] for row in per_unit) for key in ("held", "principal", "deputy", "spoke", "present")}
    totals["absent"] = totals["held"] - totals["present"]
    totals["rate"] = _rate(totals["present"], totals["held"])
    missing = list(hearings.exclude(present).select_related("case__defendant").order_by("held_on", "pk"))
    year = period.start.year
    return {"period": period, "as_of": min(period.end, today), "per_unit": per_unit, "totals": totals,
            "missing": missing, "year": year, "annual": annual_table(user, year)}


def annual_table(user, year):
    """Per defendant unit in a year: litigation filed, first-instance concluded and lost, mediated or withdrawn."""
    cases = Case.objects.visible_to(user).filter(proceeding=Proceeding.LITIGATION)
    first = Q(instance=Instance.FIRST)
    in_year = Q(closed_on__year=year)
    rows = list(cases.order_by().values("defendant__name", "defendant_name").annotate(
        filed=Count("pk", filter=Q(filed_on__year=year)),
        concluded=Count("pk", filter=in_year),
        first_concluded=Count("pk", filter=in_year & first),
        lost=Count("pk", filter=in_year & first & Q(outcome__in=LOST)),
        mediated=Count("pk", filter=in_year & Q(outcome__in=MEDIATED_OR_WITHDRAWN))))
    out = []
    for row in rows:
        if not (row["filed"] or row["concluded"]):
            continue
        row["unit"] = row["defendant__name"] or row["defendant_name"]
        row["loss_rate"] = _rate(row["lost"], row["first_concluded"])
        row["mediation_rate"] = _rate(row["mediated"], row["concluded"])
        out.append(row)
    out.sort(key=lambda r: (-r["filed"], r["unit"]))
    return out


def _pct(value):
    return "—" if value is None else f"{value}%"


def bulletin_docx(data, today=None) -> bytes:
    """The 通报 as a GB/T 9704 公文: masthead and 发文字号, the figures, both tables, signature and 版记."""
    from fuyuan.documents.models import DocumentKind
    from fuyuan.documents.services import masthead_mark, number_for
    from fuyuan.lib.gongwen import Gongwen

    today = today or timezone.localdate()
    period, totals = data["period"], data["totals"]
    doc = Gongwen()
    doc.masthead(masthead_mark(), number_for(DocumentKind.BULLETIN, bulletin_subject(period), today.year))
    doc.title(bulletin_title(period))
    doc.addressee("各成员单位")
    doc.body(f"{period.label}（截至{arabic_date(data['as_of'])}），全旗行政诉讼案件共开庭{totals['held']}庭次，"
             f"行政机关负责人出庭应诉{totals['present']}庭次（其中正职{totals['principal']}庭次、副职{totals['deputy']}"
             f"庭次），出庭应诉率{_pct(totals['rate'])}；负责人出庭并发言{totals['spoke']}庭次；"
             f"负责人未出庭{totals['absent']}庭次。")
    doc.table(["被告单位", "开庭", "正职出庭", "副职出庭", "未出庭", "出声", "出庭应诉率"],
              [[r["unit"], r["held"], r["principal"], r["deputy"], r["absent"], r["spoke"], _pct(r["rate"])]
               for r in data["per_unit"]], widths_mm=[30, 15, 24, 24, 19, 15, 29])  # headers on one line in 4号
    if data["missing"]:
        doc.body("负责人未出庭的案件：")
        for hearing in data["missing"]:
            doc.body(f"{hearing.case.number}（{hearing.case.defendant_display}，{arabic_date(hearing.held_on)}）")
    doc.body(f"{data['year']}年行政诉讼案件情况（按被告单位）：")
    doc.table(["被告单位", "新收", "审结", "一审审结", "一审败诉", "败诉率", "调撤", "调撤率"],
              [[r["unit"], r["filed"], r["concluded"], r["first_concluded"], r["lost"], _pct(r["loss_rate"]),
                r["mediated"], _pct(r["mediation_rate"])] for r in data["annual"]],
              widths_mm=[28, 14, 14, 24, 24, 19, 14, 19])
    doc.body("请负责人出庭应诉率未达到90%的单位高度重视，认真落实行政机关负责人出庭应诉制度。")
    doc.signature(settings.OFFICE_NAME, today)
    doc.record(printer=settings.OFFICE_NAME, printed_on=today)
    return doc.bytes()


def bulletin_subject(period) -> str:
    """What the 通报's 发文字号 is issued for (a 通报 of the office, numbered with the office's others)."""
    return f"court_bulletin:{period.key}"


def bulletin_title(period) -> str:
    return f"关于{period.label}行政机关负责人出庭应诉情况的通报"


def bulletin_xlsx(data) -> bytes:
    workbook = new_workbook()
    add_sheet(workbook, "出庭应诉", ["被告单位", "开庭", "正职出庭", "副职出庭", "未出庭", "出声", "出庭应诉率(%)"],
              [[r["unit"], r["held"], r["principal"], r["deputy"], r["absent"], r["spoke"], r["rate"]]
               for r in data["per_unit"]] + [["合计", *(data["totals"][k] for k in
                                                      ("held", "principal", "deputy", "absent", "spoke", "rate"))]],
              widths=[24, 8, 10, 10, 8, 8, 14])
    add_sheet(workbook, f"{data['year']}年度", ["被告单位", "新收", "审结", "一审审结", "一审败诉", "败诉率(%)", "调撤",
                                             "调撤率(%)"],
              [[r["unit"], r["filed"], r["concluded"], r["first_concluded"], r["lost"], r["loss_rate"], r["mediated"],
                r["mediation_rate"]] for r in data["annual"]], widths=[24, 8, 8, 10, 10, 10, 8, 10])
    return workbook_bytes(workbook)
