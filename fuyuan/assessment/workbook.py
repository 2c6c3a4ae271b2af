"""The assessment workbook: 汇总, 扣分明细 and 督办台账, formula-safe, in write-only mode."""

from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.lib.excel import add_sheet, new_workbook
from tasks.excel import add_ledger_sheet
from tasks.selectors import all_ledger_tasks, in_year

from .models import Measure
from .scoring import score


def write(year, stream, today=None):
    """Write the year's workbook to a path or binary stream."""
    today = today or timezone.localdate()
    scores = score(year, today)
    measures = [m for m in Measure if m != Measure.BASE]
    workbook = new_workbook()
    add_sheet(workbook, _("Summary"), [_("Rank"), _("Unit"), _("Score"), *[str(m.label) for m in measures]],
              ([s.rank, s.unit.name, float(s.score), *[s.counts.get(m, 0) for m in measures]] for s in scores),
              widths=[6, 24, 8, *[14] * len(measures)])
    add_sheet(workbook, _("Deductions and bonuses"),
              [_("Unit"), _("Item number"), _("Item"), _("Rule"), _("Points"), _("Date")],
              ([s.unit.name, line.number, line.title, str(Measure(line.measure).label), float(line.points),
                line.day] for s in scores for line in s.lines),
              widths=[24, 16, 50, 28, 8, 12])
    add_ledger_sheet(workbook, all_ledger_tasks(today).filter(in_year(year)).order_by("sort_key", "pk"), today)
    workbook.save(stream)
