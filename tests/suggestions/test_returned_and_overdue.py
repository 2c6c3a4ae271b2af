"""A suggestion sent back for more (跟踪问效) and past its new deadline is 'overdue, no reply' everywhere."""

import datetime

from django.utils import timezone

from fuyuan import dashboard
from fuyuan.assessment.scoring import score
from suggestions import selectors, services


def test_a_returned_suggestion_past_its_new_deadline_counts_in_stats_dashboard_and_assessment(world):
    today = timezone.localdate()
    served = today - datetime.timedelta(days=10)
    suggestion = services.register(by=world.user("procuratorate"), kind="procuratorial", type="governance",
                                   doc_number="乌检建〔2026〕21号", addressee=world.unit("旗公安局"), title="测试",
                                   content="建议", issued_on=served, served_on=served)
    services.reply(suggestion=suggestion, by=world.user("gaj"), reply_text="已整改", today=served)
    services.return_for_more(suggestion=suggestion, by=world.user("procuratorate"), reason="请补充整改材料",
                             reply_due_on=today + datetime.timedelta(days=5))
    later = today + datetime.timedelta(days=6)  # the new deadline has passed, no further reply

    stats = selectors.statistics(world.user("office"), later)["totals"]
    shown = dashboard.suggestion_figures(world.user("office"), served.year, later)
    assert stats["overdue"] == shown["overdue"] == 1
    police = next(s for s in score(served.year, later) if s.unit.name == "旗公安局")
    assert police.counts["late_suggestion_reply"] == 1

    # Before the new deadline it is not overdue anywhere.
    assert dashboard.suggestion_figures(world.user("office"), served.year, today)["overdue"] == 0
    police = next(s for s in score(served.year, today) if s.unit.name == "旗公安局")
    assert police.counts["late_suggestion_reply"] == 0
