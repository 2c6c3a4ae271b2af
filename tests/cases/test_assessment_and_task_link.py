"""The 考核 rule on indicators (−1 per full 10 points short, explained per unit), the task page's live value,
the dashboard's indicators off target, and the 出庭应诉通报 as Word and Excel."""

import datetime
import io
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from fuyuan.assessment.scoring import score
from fuyuan.documents.services import masthead_mark
from indicators.models import Indicator, MeasureKind
from indicators.reference import ensure_indicators

from .builders import case

TODAY = timezone.localdate()
YEAR = TODAY.year


def held(days_ago):
    return TODAY - datetime.timedelta(days=days_ago)


def attendance_register(world):
    ensure_indicators()
    # 公安局: 1 of 4 hearings with a head → 25%, 65 points short of 90% → 6 steps; 住建局: 2 of 2 → on target
    case(world, filed=datetime.date(YEAR, 1, 2), hearings=[(datetime.date(YEAR, 1, 3), "principal"),
                                                            (datetime.date(YEAR, 1, 4), "absent"),
                                                            (datetime.date(YEAR, 1, 5), "absent"),
                                                            (datetime.date(YEAR, 1, 6), "")])
    case(world, filed=datetime.date(YEAR, 1, 2), defendant="旗住建局",
         hearings=[(datetime.date(YEAR, 1, 3), "deputy"), (datetime.date(YEAR, 1, 4), "principal")])


def test_a_unit_below_target_loses_a_point_per_ten_points_with_the_line_explained(world):
    attendance_register(world)
    scores = {s.unit.name: s for s in score(YEAR, TODAY)}
    gaj = [line for line in scores["旗公安局"].lines if line.measure == "indicator_shortfall"]
    assert len(gaj) == 1
    assert gaj[0].number == "行政机关负责人出庭应诉率"
    assert gaj[0].title == "25.0%（1/4），目标≥90%，差65.0个百分点"
    assert gaj[0].points == Decimal("-6")
    assert not [line for line in scores["旗住建局"].lines if line.measure == "indicator_shortfall"]
    page = world.client("leader").get(reverse("assessment:page")).content.decode()
    assert "差65.0个百分点" in page


def test_the_rule_is_capped_and_only_assessed_indicators_count(world):
    attendance_register(world)
    from fuyuan.assessment.models import ScoringRule
    from fuyuan.assessment.scoring import rules

    rules()
    ScoringRule.objects.filter(measure="indicator_shortfall").update(cap=Decimal("4"))
    gaj = next(s for s in score(YEAR, TODAY) if s.unit.name == "旗公安局")
    assert sum(line.points for line in gaj.lines if line.measure == "indicator_shortfall") == Decimal("-4")
    Indicator.objects.filter(measure=MeasureKind.ATTENDANCE_RATE).update(assessed=False)
    gaj = next(s for s in score(YEAR, TODAY) if s.unit.name == "旗公安局")
    assert not [line for line in gaj.lines if line.measure == "indicator_shortfall"]


def test_the_task_page_shows_the_linked_indicators_live_value(world):
    from indicators.services import link_task
    from tasks import services
    from tasks.models import Origin

    attendance_register(world)
    office = world.user("office")
    task = services.create_task(by=office, origin=Origin.ADHOC, title="确保行政机关负责人出庭应诉率达到90%",
                                due_date=TODAY + datetime.timedelta(days=30), lead_units=[world.unit("旗司法局")])
    link_task(task=task, indicator=Indicator.objects.get(measure=MeasureKind.ATTENDANCE_RATE), by=office)
    html = world.client("office").get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert 'data-testid="task-indicator"' in html
    quarter_hearings = sum(1 for d in range(3, 7) if datetime.date(YEAR, 1, d) >= TODAY.replace(
        month=(TODAY.month - 1) // 3 * 3 + 1, day=1))
    assert "行政机关负责人出庭应诉率" in html and "目标 ≥90%" in html
    if not quarter_hearings:
        assert 'data-value="—"' in html


def test_only_the_office_links_items(world):
    import pytest

    from indicators.services import link_task
    from tasks import services
    from tasks.models import Origin
    from tasks.services import TransitionRefused

    ensure_indicators()
    task = services.create_task(by=world.user("office"), origin=Origin.ADHOC, title="事项",
                                due_date=TODAY + datetime.timedelta(days=30), lead_units=[world.unit("旗司法局")])
    with pytest.raises(TransitionRefused):
        link_task(task=task, indicator=Indicator.objects.first(), by=world.user("leader"))


def test_the_dashboard_shows_indicators_off_target(world):
    ensure_indicators()
    period_start = TODAY.replace(month=(TODAY.month - 1) // 3 * 3 + 1, day=1)
    case(world, filed=period_start, hearings=[(period_start, "absent")])
    html = world.client("leader").get(reverse("dashboard")).content.decode()
    assert 'data-testid="indicators-off-target"' in html
    assert 'data-indicator="attendance_rate"' in html


def test_the_bulletin_as_word_and_excel(world):
    import docx
    from openpyxl import load_workbook

    ensure_indicators()
    case(world, filed=datetime.date(2026, 1, 2), hearings=[(datetime.date(2026, 7, 3), "principal"),
                                                            (datetime.date(2026, 8, 4), "absent")])
    case(world, filed=datetime.date(2026, 1, 2), defendant="旗住建局",
         hearings=[(datetime.date(2026, 9, 30), "deputy")])
    client = world.client("leader")
    page = client.get(reverse("cases:bulletin") + "?period=2026-Q3").content.decode()
    assert "共开庭 3 庭次，负责人出庭 2 庭次（正职 1，副职 1）" in page
    word = docx.Document(io.BytesIO(client.get(reverse("cases:bulletin") + "?period=2026-Q3&format=docx").content))
    text = "\n".join(p.text for p in word.paragraphs)
    # A 公文 like the office's others: red masthead, 发文字号 (a draft until issued), signature, 版记.
    assert word.paragraphs[0].text == masthead_mark()
    assert f"府院联办通〔{TODAY.year}〕　号" in text
    assert "关于2026年第3季度行政机关负责人出庭应诉情况的通报" in text
    assert f"\t{TODAY.year}年{TODAY.month}月{TODAY.day}日印发" in text
    assert "共开庭3庭次" in text and "出庭应诉率66.7%" in text
    rows = [[c.text for c in r.cells] for r in word.tables[0].rows]
    assert ["旗公安局", "2", "1", "0", "1", "0", "50.0%"] in rows
    book = load_workbook(io.BytesIO(client.get(reverse("cases:bulletin") + "?period=2026-Q3&format=xlsx").content))
    sheet = book["出庭应诉"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[-1][:2] == ("合计", 3) and values[-1][6] == 66.7
