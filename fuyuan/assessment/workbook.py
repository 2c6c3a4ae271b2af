"""The assessment workbook: 汇总 (points per rule, total, rank with ties), 扣分明细, 规则, 无考核事项, 督办台账.

It is written from the year's result (results.result): once the office publishes the year, every later
export shows the frozen figures and lines, and the ledger sheet (live data) is left out.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.lib.excel import add_sheet, new_workbook
from tasks.excel import add_ledger_sheet
from tasks.selectors import all_ledger_tasks, in_year

from .results import as_date, as_number, result
from .scoring import ADJUSTMENT


def write(year, stream, today=None):
    """Write the year's workbook to a path or binary stream."""
    today = today or timezone.localdate()
    data = result(year, today)
    write_result(data, stream, today)


def write_result(data, stream, today):
    year, columns = data["year"], data["columns"]
    ranked = [u for u in data["units"] if u["assessable"]]
    heading = f"{settings.REGION_NAME}{year}年度府院联动工作考核"
    workbook = new_workbook()
    add_sheet(workbook, _("Summary"),
              [_("Rank"), _("Unit"), _("Score"), *[c["label"] for c in columns], _("Manual adjustment")],
              ([u["rank"], u["name"], as_number(u["score"]), *[as_number(u["points"][c["measure"]]) for c in columns],
                as_number(u["points"][ADJUSTMENT])] for u in ranked),
              widths=[6, 24, 8, *[14] * (len(columns) + 1)],
              heading=f"{heading}汇总（规则{data['rule_version']}）")
    add_sheet(workbook, _("Deductions and bonuses"),
              [_("Unit"), _("Item number"), _("Item"), _("Rule"), _("Points"), _("Date")],
              ([u["name"], line["number"], line["title"], line["label"], as_number(line["points"]),
                as_date(line["day"])] for u in data["units"] for line in u["lines"]),
              widths=[24, 16, 50, 28, 8, 12], heading=f"{heading}扣分明细")
    add_sheet(workbook, _("Rules"), [_("Scoring rule"), _("Points per item"), _("Cap"), _("Active"), _("Rule version")],
              ([rule["label"], as_number(rule["points"]), as_number(rule["cap"]) if rule["cap"] else _("no cap"),
                _("yes") if rule["active"] else _("no"), data["rule_version"]] for rule in data["rules"]),
              widths=[36, 12, 10, 8, 16], heading=f"{heading}规则（{data['rule_version']}）")
    add_sheet(workbook, _("No assessable item"), [_("Unit"), _("Score")],
              ([u["name"], _("No assessable item")] for u in data["units"] if not u["assessable"]),
              widths=[30, 20], heading=f"{heading}：无考核事项的单位（不参加排名）")
    if not data["published"]:
        add_ledger_sheet(workbook, all_ledger_tasks(today).filter(in_year(year)).order_by("sort_key", "pk"), today)
    workbook.save(stream)
