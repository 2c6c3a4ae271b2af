"""The 考核 an office can defend: points per rule, ranks with ties, units with nothing to assess kept apart,
manual adjustments with their reason and document, each year's own rules, and results frozen on publishing."""

import datetime
import io
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fuyuan.assessment import services
from fuyuan.assessment.models import Adjustment, ScoringRule
from fuyuan.assessment.scoring import rank_ties, score
from tests.tasks.builders import make_task

TODAY = timezone.localdate()
YEAR = TODAY.year


def workbook(world, year=YEAR):
    data = world.client("office").get(reverse("assessment:export"), {"year": year}).content
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet):
    """The data rows under the title row and the header row."""
    return [row for row in sheet.iter_rows(min_row=3, values_only=True)]


def by_unit(sheet):
    return {row[1]: row for row in rows(sheet)}


def four_units(world):
    """法院 100 (an item on track), 公安局 and 财政局 98 (one overdue lead item each), 检察院 96 (two)."""
    make_task(world, "法院事项", lead="旗人民法院", due_in=20)
    make_task(world, "公安逾期", lead="旗公安局", due_in=-2)
    make_task(world, "财政逾期", lead="旗财政局", due_in=-2)
    make_task(world, "检察逾期一", lead="旗人民检察院", due_in=-2)
    make_task(world, "检察逾期二", lead="旗人民检察院", due_in=-3)


def test_equal_scores_share_a_rank_and_the_next_is_skipped():
    scores = [SimpleNamespace(score=Decimal(s)) for s in ("100", "98", "98", "96", "96", "90")]
    assert [s.rank for s in rank_ties(scores)] == [1, 2, 2, 4, 4, 6]


def test_the_summary_shows_points_per_rule_total_and_tied_ranks(world):
    four_units(world)
    sheet = workbook(world)["汇总"]
    header = [cell.value for cell in sheet[2]]
    assert header[:3] == ["排名", "单位", "得分"]
    assert "牵头事项逾期" in "".join(header) or any("牵头" in str(h) and "逾期" in str(h) for h in header)
    assert header[-1] == "人工调整"
    units = by_unit(sheet)
    assert [units[name][0] for name in ("旗人民法院", "旗公安局", "旗财政局", "旗人民检察院")] == [1, 2, 2, 4]
    assert units["旗人民检察院"][2] == 96
    lead_overdue = header.index(next(h for h in header if "牵头" in str(h) and "逾期" in str(h)))
    assert units["旗人民检察院"][lead_overdue] == -4  # points, not a count
    assert sheet["A1"].value.startswith(f"{YEAR}年度府院联动工作考核汇总（规则{YEAR}年第1版）")


def test_units_with_no_assessable_item_are_listed_apart_and_not_ranked(world):
    four_units(world)
    scores = {s.unit.name: s for s in score(YEAR, TODAY)}
    assert scores["旗司法局"].assessable is False and scores["旗司法局"].rank is None
    book = workbook(world)
    assert "旗司法局" not in by_unit(book["汇总"])
    assert ("旗司法局", "无考核事项") in rows(book["无考核事项"])
    page = world.client("leader").get(reverse("assessment:page")).content.decode()
    assert 'data-unit="旗司法局"' not in page
    assert "旗司法局" in page.split('data-testid="no-item-units"')[1].split("</p>")[0]


def post_adjustment(world, username="office", **overrides):
    data = {"year": YEAR, "unit": world.unit("旗公安局").pk, "points": "-3",
            "reason": "未按要求报送联席会议材料（乌府联办函〔2026〕5号）",
            "document": SimpleUploadedFile("情况说明.pdf", b"%PDF-1.4 evidence")}
    data.update(overrides)
    return world.client(username).post(reverse("assessment:adjust"), data)


def test_a_manual_adjustment_counts_with_its_reason_and_document_and_is_audited(world):
    four_units(world)
    response = post_adjustment(world)
    assert response.status_code == 302
    adjustment = Adjustment.objects.get()
    assert adjustment.document.read() == b"%PDF-1.4 evidence"
    police = {s.unit.name: s for s in score(YEAR, TODAY)}["旗公安局"]
    assert police.score == Decimal("95")
    line = police.lines[-1]
    assert (line.get_measure_label(), line.points, line.title) == ("人工减分", Decimal("-3"),
                                                                   "未按要求报送联席会议材料（乌府联办函〔2026〕5号）")
    book = workbook(world)
    assert by_unit(book["汇总"])["旗公安局"][-1] == -3
    details = [row for row in rows(book["扣分明细"]) if row[0] == "旗公安局"]
    reason = "未按要求报送联席会议材料（乌府联办函〔2026〕5号）"
    assert ("旗公安局", None, reason, "人工减分", -3) in [r[:5] for r in details]
    entry = LogEntry.objects.filter(additional_data__detail__transition="assessment_adjusted").get()
    assert entry.additional_data["detail"]["points"] == "-3" and entry.actor == world.user("office")
    page = world.client("leader").get(reverse("assessment:page")).content.decode()
    assert "人工减分" in page and reverse("assessment:adjustment_document", args=[adjustment.pk]) in page
    download = world.client("leader").get(reverse("assessment:adjustment_document", args=[adjustment.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 evidence"


def test_an_adjustment_needs_a_reason_a_document_and_points(world):
    assert post_adjustment(world, reason="  ").status_code == 302
    assert post_adjustment(world, points="0").status_code == 302
    response = post_adjustment(world, document="")
    assert response.status_code == 302
    assert not Adjustment.objects.exists()
    assert post_adjustment(world, username="leader").status_code == 403
    assert not Adjustment.objects.exists()


def test_each_year_is_scored_with_its_own_rules(world):
    make_task(world, "逾期", lead="旗公安局", due_in=-2)
    score(YEAR, TODAY)
    ScoringRule.objects.filter(year=YEAR - 1).delete()
    ScoringRule.objects.create(year=YEAR - 1, measure="lead_overdue", points=Decimal("-9"))
    ScoringRule.objects.filter(year=YEAR, measure="lead_overdue").update(points=Decimal("-4"))
    assert {s.unit.name: s for s in score(YEAR, TODAY)}["旗公安局"].score == Decimal("96")
    # A new year starts from the rules of the latest year before it.
    score(YEAR + 1, TODAY)
    assert ScoringRule.objects.get(year=YEAR + 1, measure="lead_overdue").points == Decimal("-4")


def test_saving_changed_rules_makes_a_new_version_shown_in_the_rules_sheet(world):
    client = world.client("office")
    page = client.get(reverse("assessment:page"))
    formset = page.context["formset"]
    data = {"form-TOTAL_FORMS": len(formset.forms), "form-INITIAL_FORMS": len(formset.forms)}
    for index, form in enumerate(formset.forms):
        rule = form.instance
        data.update({f"form-{index}-id": rule.pk, f"form-{index}-cap": rule.cap or "", f"form-{index}-active": "on",
                     f"form-{index}-points": Decimal("-3") if rule.measure == "sent_back" else rule.points})
    client.post(reverse("assessment:page") + f"?year={YEAR}", data)
    sheet = workbook(world)["规则"]
    assert [cell.value for cell in sheet[2]] == ["考核规则", "每项分值", "上限", "启用", "规则版本"]
    rules = {row[0]: row for row in rows(sheet)}
    sent_back = next(row for label, row in rules.items() if "退回" in label)
    assert sent_back[1] == -3 and sent_back[4] == f"{YEAR}年第2版"


def test_a_published_result_is_frozen_and_exports_the_same_later(world):
    four_units(world)
    post_adjustment(world)
    response = world.client("office").post(reverse("assessment:publish"), {"year": YEAR})
    assert response.status_code == 302
    before = {name: rows(sheet) for name, sheet in zip(workbook(world).sheetnames, workbook(world).worksheets,
                                                        strict=True)}
    # Everything that would change a live result changes.
    ScoringRule.objects.filter(year=YEAR, measure="lead_overdue").update(points=Decimal("-10"))
    make_task(world, "发布后逾期", lead="旗人民法院", due_in=-1)
    world.unit("旗公安局").__class__.objects.filter(name="旗公安局").update(name="旗公安局（改名）")
    after_book = workbook(world)
    after = {name: rows(sheet) for name, sheet in zip(after_book.sheetnames, after_book.worksheets, strict=True)}
    assert after == before
    assert "督办台账" not in after_book.sheetnames  # live data has no place in a frozen result
    # And nothing can change it any more.
    assert post_adjustment(world).status_code == 302
    assert Adjustment.objects.count() == 1
    try:
        services.publish(year=YEAR, by=world.user("office"))
    except services.AssessmentRefused as refusal:
        assert str(YEAR) in refusal.message
    else:
        raise AssertionError("published twice")
    page = world.client("leader").get(reverse("assessment:page")).content.decode()
    assert 'data-testid="published"' in page


def test_only_the_office_publishes(world):
    assert world.client("leader").post(reverse("assessment:publish"), {"year": YEAR}).status_code == 403


def test_the_result_notice_lists_the_adjustment(world):
    four_units(world)
    post_adjustment(world)
    import docx

    document = docx.Document(io.BytesIO(world.client("leader").get(reverse("assessment:notice"),
                                                                  {"year": YEAR}).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "旗公安局：人工减分-3分" in text


def test_rank_of_previous_years_uses_that_years_rules(world):
    last_year = datetime.date(YEAR - 1, 12, 31)
    assert all(s.rank is None for s in score(YEAR - 1, last_year))  # nothing happened then
