"""The 考核 result notice: the year's ranking as a 公文, from the same (live or published) result as the workbook."""

from django.conf import settings
from django.utils import timezone

from fuyuan.documents.models import DocumentKind
from fuyuan.documents.services import masthead_mark, number_for
from fuyuan.lib.gongwen import Gongwen

from .bulletin import COPY_TO
from .results import as_number


def subject(year) -> str:
    return f"assessment:{year}"


def title(year) -> str:
    return f"关于{year}年度府院联动工作考核结果的通报"


def docx(data, today=None) -> bytes:
    """The notice of a year's result (its ranking, units with no assessable item, manual adjustments)."""
    today = today or timezone.localdate()
    year = data["year"]
    ranked = [u for u in data["units"] if u["assessable"]]
    unranked = [u for u in data["units"] if not u["assessable"]]
    doc = Gongwen()
    doc.masthead(masthead_mark(), number_for(DocumentKind.ASSESSMENT, subject(year), today.year))
    doc.title(title(year))
    doc.addressee("各成员单位")
    doc.body(f"根据府院联动工作考核办法（考核规则{data['rule_version']}），联席会议办公室对各成员单位{year}年度"
             f"府院联动工作进行了考核。现将考核结果通报如下：")
    doc.heading1("一、考核结果")
    doc.table(["名次", "单位", "得分", "人工调整"],
              [[u["rank"], u["name"], as_number(u["score"]), _signed(u["points"].get("adjustment", "0"))]
               for u in ranked], widths_mm=[20, 76, 30, 30])
    if unranked:
        doc.body("以下单位本年度无考核事项，不参加排名：" + "、".join(u["name"] for u in unranked) + "。")
    adjusted = [(u["name"], line) for u in ranked for line in u["lines"] if line["measure"] == "adjustment"]
    if adjusted:
        doc.heading1("二、加减分情况")
        for name, line in adjusted:
            doc.body(f"{name}：{line['label']}{_signed(line['points'])}分，{line['title']}")
    doc.heading1("三、有关要求" if adjusted else "二、有关要求")
    doc.body("请各单位对照考核扣分明细，认真查找问题，抓好整改落实。")
    doc.signature(settings.OFFICE_NAME, today)
    doc.record(printer=settings.OFFICE_NAME, printed_on=today, copy_to=COPY_TO)
    return doc.bytes()


def _signed(text):
    value = as_number(text)
    return f"+{value}" if value > 0 else ("" if value == 0 else str(value))
