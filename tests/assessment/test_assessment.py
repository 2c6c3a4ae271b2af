"""考核 scores against a hand-computed example; caps; the workbook's three sheets; who may do what."""

import datetime
import io
from decimal import Decimal

import openpyxl
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from fuyuan.assessment.models import ScoringRule
from fuyuan.assessment.scoring import score
from meetings import services as meeting_services
from meetings.models import MeetingType
from suggestions import services as suggestion_services
from tasks import services
from tests.tasks.builders import make_task

TODAY = timezone.localdate()
YEAR = TODAY.year


def build(world):
    """公安局: one overdue lead item, one overdue as responsible, one closure sent back, one unanswered
    suggestion, one absence without reason, one item closed on time. 财政局: one overdue lead item."""
    make_task(world, "A 逾期牵头", due_in=-3)
    closed = make_task(world, "B 按期办结", due_in=5)
    services.request_closure(task=closed, by=world.user("gaj"), summary="完成")
    services.close(task=closed, by=world.user("office"))
    make_task(world, "C 财政局牵头", lead="旗财政局", responsible=["旗公安局"], due_in=-1)
    returned = make_task(world, "D 被退回", due_in=30)
    services.request_closure(task=returned, by=world.user("gaj"), summary="完成")
    services.send_back(task=returned, by=world.user("office"), reason="材料不全")
    served = datetime.date(YEAR, 1, 2) if TODAY > datetime.date(YEAR, 3, 10) else TODAY - datetime.timedelta(days=70)
    suggestion_services.register(by=world.user("procuratorate"), kind="procuratorial", type="governance",
                                 doc_number="乌检建〔考核〕1号", addressee=world.unit("旗公安局"), title="测试",
                                 content="内容", issued_on=served, served_on=served)
    meeting = meeting_services.schedule(by=world.user("office"), type=MeetingType.objects.first(), title="全体会议",
                                        starts_at=timezone.now() - datetime.timedelta(hours=3),
                                        units=[world.unit("旗公安局"), world.unit("旗财政局")])
    gaj, czj = meeting.invitations.order_by("unit__order")
    meeting_services.record_attendance(meeting=meeting, by=world.user("office"), attendance={
        czj.pk: (True, True, "局长"), gaj.pk: (False, False, "")} if gaj.unit.name == "旗公安局" else {
        gaj.pk: (True, True, "局长"), czj.pk: (False, False, "")})


def by_name(scores):
    return {s.unit.name: s for s in scores}


def test_scores_match_the_hand_computed_example(world):
    build(world)
    scores = by_name(score(YEAR, TODAY))
    police = scores["旗公安局"]
    # 100 − 2 (A) − 1 (C, responsible) − 0.5 (D sent back) − 2 (suggestion) − 1 (absence) + 0.5 (B on time)
    assert police.score == Decimal("94.0")
    assert police.counts == {"lead_overdue": 1, "responsible_overdue": 1, "missing_report": 0, "sent_back": 1,
                             "late_suggestion_reply": 1, "absent_without_reason": 1, "closed_on_time": 1,
                             "indicator_shortfall": 0}
    assert scores["旗财政局"].score == Decimal("98")
    assert scores["旗司法局"].score == Decimal("100")
    assert [s.rank for s in score(YEAR, TODAY)][:1] == [1]
    assert scores["旗司法局"].rank is None  # nothing to assess: not ranked first with a full score
    lines = {(line.measure, line.title) for line in police.lines}
    assert ("lead_overdue", "A 逾期牵头") in lines and ("closed_on_time", "B 按期办结") in lines


def test_a_cap_limits_a_rule(world):
    ScoringRule.objects.filter(measure="lead_overdue").update(points=Decimal("-2"), cap=Decimal("3"))
    make_task(world, "逾期一", due_in=-3)
    make_task(world, "逾期二", due_in=-2)
    police = by_name(score(YEAR, TODAY))["旗公安局"]
    assert police.score == Decimal("97")
    assert sorted(line.points for line in police.lines) == [Decimal("-2"), Decimal("-1")]


def test_the_office_edits_the_rules_and_leaders_cannot(world):
    make_task(world, "逾期一", due_in=-3)
    client = world.client("office")
    page = client.get(reverse("assessment:page"))
    formset = page.context["formset"]
    data = {"form-TOTAL_FORMS": len(formset.forms), "form-INITIAL_FORMS": len(formset.forms)}
    for index, form in enumerate(formset.forms):
        rule = form.instance
        points = Decimal("-5") if rule.measure == "lead_overdue" else rule.points
        data.update({f"form-{index}-id": rule.pk, f"form-{index}-points": points,
                     f"form-{index}-cap": rule.cap or "", f"form-{index}-active": "on"})
    assert world.client("leader").post(reverse("assessment:page"), data).status_code == 403
    client.post(reverse("assessment:page"), data)
    assert by_name(score(YEAR, TODAY))["旗公安局"].score == Decimal("95")


def test_the_workbook_has_its_three_sheets_from_the_page_and_the_command(world, tmp_path):
    build(world)
    data = world.client("office").get(reverse("assessment:export"), {"year": YEAR}).content
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["汇总", "扣分明细", "规则", "无考核事项", "督办台账"]
    summary = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    assert summary[0][:3] == ("排名", "单位", "得分")
    police = next(row for row in summary if row[1] == "旗公安局")
    assert police[2] == 94
    details = [row for row in book["扣分明细"].iter_rows(values_only=True) if row[0] == "旗公安局"]
    assert len(details) == 6
    output = tmp_path / "考核.xlsx"
    call_command("export_assessment", "--year", str(YEAR), "--output", str(output), stdout=io.StringIO())
    assert openpyxl.load_workbook(output).sheetnames == ["汇总", "扣分明细", "规则", "无考核事项", "督办台账"]


def test_only_office_and_leaders(world):
    for username in ("gaj", "court", "sysadmin"):
        assert world.client(username).get(reverse("assessment:page")).status_code == 403


def test_the_bulletin_names_lagging_units_and_lists_overdue_items(world):
    from tasks import deadlines

    build(world)
    period = deadlines.period_containing(TODAY, deadlines.QUARTERLY)
    client = world.client("leader")
    response = client.get(reverse("assessment:bulletin"), {"period": period.key})
    assert response.context["overdue_count"] == 3  # A, C and the unanswered suggestion's reply item
    assert response.context["closed"] == 1
    names = [row["unit__name"] for row in response.context["lagging"]]
    assert "旗公安局" in names and "旗财政局" in names and "旗司法局" not in names
    html = response.content.decode()
    assert "A 逾期牵头" in html
    import docx

    document = docx.Document(io.BytesIO(client.get(reverse("assessment:bulletin"),
                                                    {"period": period.key, "format": "docx"}).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "通报" in text and "旗公安局" in text and "A 逾期牵头" in text
