"""Each indicator computed by hand on a small register: values, empty denominators (「—」), period boundaries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import measures, selectors
from indicators.models import Indicator, MeasureKind, PopulationFigure
from indicators.reference import ensure_indicators
from tasks import deadlines

from .builders import D, case

TODAY = D(2026, 1, 15)
Y2025 = deadlines.period_from_key("2025")


@pytest.fixture
def register(world):
    ensure_indicators()
    # 2025: first instance, concluded — 2 lost (撤销, 确认违法), 1 mediated, 1 withdrawn, 4 upheld, 1 dismissed
    outcomes = ["revoked", "confirmed_illegal", "mediated", "withdrawn", "upheld", "upheld", "upheld", "upheld",
                "dismissed"]
    for index, outcome in enumerate(outcomes):
        case(world, filed=D(2025, 1, 10 + index), closed=D(2025, 6, 1), outcome=outcome,
             defendant="旗公安局" if index < 5 else "旗住建局")
    # a second-instance case lost: not in 败诉率 (first instance only), but in 调撤率's denominator
    case(world, filed=D(2025, 3, 1), closed=D(2025, 9, 1), outcome="upheld", instance="second")
    # still pending: in 发案量 but in no concluded count
    case(world, filed=D(2025, 12, 31), hearings=[(D(2025, 12, 31), "principal"), (D(2026, 1, 20), "")])
    # 2024: 5 filings → 发案量同比 (10 first-instance in 2025 vs 5) = +100%
    for index in range(5):
        case(world, filed=D(2024, 2, 1 + index))
    # hearings in 2025 for 出庭应诉率: principal, deputy, absent, never reported → 2 of 4 (+ 31 Dec principal) = 3/5
    case(world, filed=D(2024, 11, 1), hearings=[(D(2025, 1, 1), "principal"), (D(2025, 3, 31), "deputy"),
                                               (D(2025, 4, 1), "absent"), (D(2025, 7, 1), "")])
    # 行政复议 in 2025: 1 revoked of 4 concluded → 25%
    for outcome in ("revoked", "upheld", "rejected", "terminated"):
        case(world, proceeding="review", filed=D(2025, 2, 1), closed=D(2025, 3, 1), outcome=outcome)
    PopulationFigure.objects.create(year=2025, population=120000)


def figure(kind, period, user=None):
    indicator = Indicator.objects.get(measure=kind)
    return selectors.trend(indicator, user, TODAY, [period], selectors.populations())[0]


def test_attendance_rate_counts_held_hearings_with_a_principal_or_deputy(register):
    year = figure(MeasureKind.ATTENDANCE_RATE, Y2025)
    assert (year.numerator, year.denominator, year.value) == (3, 5, Decimal("60.0"))


def test_quarter_boundaries_place_a_hearing_by_its_date(register):
    q1 = figure(MeasureKind.ATTENDANCE_RATE, deadlines.period_from_key("2025-Q1"))
    q2 = figure(MeasureKind.ATTENDANCE_RATE, deadlines.period_from_key("2025-Q2"))
    assert (q1.numerator, q1.denominator) == (2, 2)  # 1 Jan and 31 Mar
    assert (q2.numerator, q2.denominator) == (0, 1)  # 1 Apr: absent


def test_a_hearing_not_yet_held_is_not_in_the_rate(register):
    january = figure(MeasureKind.ATTENDANCE_RATE, deadlines.period_from_key("2026-01"))
    assert (january.numerator, january.denominator, january.value, january.display) == (0, 0, None, "—")


def test_loss_rate_is_lost_over_first_instance_concluded(register):
    loss = figure(MeasureKind.LOSS_RATE, Y2025)
    assert (loss.numerator, loss.denominator, loss.value) == (2, 9, Decimal("22.2"))


def test_mediation_rate_is_mediated_and_withdrawn_over_all_concluded(register):
    rate = figure(MeasureKind.MEDIATION_RATE, Y2025)
    assert (rate.numerator, rate.denominator, rate.value) == (2, 10, Decimal("20.0"))


def test_filings_year_on_year(register):
    yoy = figure(MeasureKind.FILINGS_YOY, Y2025)
    # first-instance filings in 2025: 9 concluded + the pending one = 10; 2024: 5 + the 1 Nov 2024 case = 6
    assert (yoy.numerator, yoy.denominator, yoy.value) == (10, 6, Decimal("66.7"))


def test_filings_per_10k_divides_by_the_years_population(register):
    per = figure(MeasureKind.FILINGS_PER_10K, Y2025)
    assert (per.numerator, per.denominator, per.value) == (10, 120000, Decimal("0.83"))
    no_population = figure(MeasureKind.FILINGS_PER_10K, deadlines.period_from_key("2024"))
    assert no_population.value is None and no_population.display == "—"


def test_review_correction_rate(register):
    rate = figure(MeasureKind.REVIEW_CORRECTION_RATE, Y2025)
    assert (rate.numerator, rate.denominator, rate.value) == (1, 4, Decimal("25.0"))


def test_empty_denominators_are_a_dash_never_an_error(register):
    empty = deadlines.period_from_key("2023")
    for kind in MeasureKind.values:
        assert figure(kind, empty).display == "—", kind


def test_suggestion_reply_rate_counts_replies_and_overdue_by_reply_deadline(world):
    from suggestions import services

    ensure_indicators()
    court = world.user("court")
    made = []
    for number, served in ((1, D(2025, 1, 5)), (2, D(2025, 2, 5)), (3, D(2025, 3, 5))):
        made.append(services.register(by=court, kind="judicial", type="comprehensive",
                                      doc_number=f"乌法建〔2025〕{number}号",
                                      addressee=world.unit("旗公安局"), title="建议", content="内容", issued_on=served,
                                      served_on=served))
    from tasks import services as task_services

    gaj = world.user("gaj")
    for suggestion, replied in ((made[0], D(2025, 2, 1)), (made[1], D(2025, 5, 1))):
        task_services.sign(task=suggestion.task, by=gaj)
        services.reply(suggestion=suggestion, by=gaj, reply_text="已整改", today=replied)
    # due 5 Mar, 5 Apr, 5 May 2025: one on time, one late, one overdue without a reply → 1/3
    indicator = Indicator.objects.get(measure=MeasureKind.SUGGESTION_REPLY_RATE)
    rate = selectors.trend(indicator, None, TODAY, [Y2025], {})[0]
    assert (rate.numerator, rate.denominator, rate.value) == (1, 3, Decimal("33.3"))


def test_units_are_ranked_best_first(register):
    indicator = Indicator.objects.get(measure=MeasureKind.LOSS_RATE)
    rows = selectors.by_unit(indicator, None, TODAY, Y2025)
    assert [(r["unit_name"], r["figure"].numerator, r["figure"].denominator) for r in rows] == [
        ("旗住建局", 0, 4), ("旗公安局", 2, 5)]


def test_the_page_shows_a_dash_for_an_empty_denominator(world):
    ensure_indicators()
    response = world.client("office").get(reverse("indicators:page"))
    assert response.status_code == 200
    assert 'data-value="—"' in response.content.decode()


def test_yoy_of_a_running_period_compares_the_same_days():
    period = deadlines.period_containing(TODAY, deadlines.YEARLY)
    m = measures.measure(MeasureKind.FILINGS_YOY, TODAY)
    assert measures.numerator_span(m, period, TODAY) == measures.Span(D(2026, 1, 1), TODAY)
    assert measures.denominator_span(m, period, TODAY) == measures.Span(D(2025, 1, 1), D(2025, 1, 15))
    last_year = deadlines.period_from_key("2024")
    assert measures.denominator_span(m, last_year, datetime.date(2025, 1, 1)).end == D(2023, 12, 31)
