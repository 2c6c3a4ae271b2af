"""Two years of administrative cases against the Wushen demo units, relative to `today`, in realistic proportions.

About 60 litigation cases filed in the last twelve months (and 45 and 40 in the two years before, so 发案量同比
has a base),
a dozen 行政复议 cases, hearings with 正职 / 副职 / 未出庭 attendance, some hearings in the coming days not yet
reported (临期), and the population figures 万人起诉率 divides by. The same `today` always gives the same
register (a fixed seed).
"""

import datetime
import random

from indicators.models import PopulationFigure
from indicators.reference import ensure_indicators
from suggestions.models import Suggestion

from .models import Attendance, Case, Hearing, Instance, Outcome, PlaintiffType, PreLitigation, Proceeding

# Defendant units and their weight: the departments that enforce most are sued most.
DEFENDANTS = [("旗自然资源局", 9), ("旗公安局", 8), ("旗住建局", 7), ("旗市场监督管理局", 5), ("旗人社局", 4),
              ("旗城市管理综合行政执法局", 4), ("嘎鲁图镇人民政府", 3), ("乌审召镇人民政府", 2), ("旗交通局", 2),
              ("旗林草局", 2), ("旗农牧局", 2)]
EXTERNAL = "内蒙古自治区鄂尔多斯市不动产登记中心"
CAUSES = ["行政处罚", "行政强制", "房屋征收补偿", "土地行政登记", "工伤认定", "行政许可", "政府信息公开", "行政协议",
          "不履行法定职责", "林地行政管理"]
# Litigation outcomes: 维持/驳回 45%, 败诉 13%, 调解 5%, 撤诉 17%, 裁定驳回起诉 15%, 其他 5%.
OUTCOMES = ([Outcome.UPHELD] * 45 + [Outcome.REVOKED] * 5 + [Outcome.CONFIRMED_ILLEGAL] * 4 + [Outcome.ORDERED] * 3
            + [Outcome.CHANGED] * 1 + [Outcome.MEDIATED] * 5 + [Outcome.WITHDRAWN] * 17 + [Outcome.DISMISSED] * 15
            + [Outcome.OTHER] * 5)
REVIEW_OUTCOMES = [Outcome.UPHELD] * 10 + [Outcome.REVOKED] * 2 + [Outcome.CONFIRMED_ILLEGAL] * 2 + \
    [Outcome.REJECTED] * 3 + [Outcome.TERMINATED] * 3
# Who leads the agency at a hearing already held: 正职 25%, 副职 55%, 未出庭 15%, never reported 5%.
ATTENDANCE = [Attendance.PRINCIPAL] * 25 + [Attendance.DEPUTY] * 55 + [Attendance.ABSENT] * 15 + [""] * 5
HEADS = {Attendance.PRINCIPAL: ("局长", "王建国"), Attendance.DEPUTY: ("副局长", "李明")}
POPULATION = {0: 137800, 1: 137200, 2: 136500}


def load_cases(units, accounts, today: datetime.date) -> int:
    """Idempotent: nothing is added once the demo register exists."""
    ensure_indicators()
    for back, population in POPULATION.items():
        PopulationFigure.objects.get_or_create(year=today.year - back, defaults={
            "population": population, "source": "乌审旗国民经济和社会发展统计公报（演示数据）"})
    if Case.objects.filter(note__startswith="演示").exists():
        return Case.objects.count()
    _link_plan_task()
    rng = random.Random(14)
    court, office = accounts["court"], accounts["office"]
    pool = [name for name, weight in DEFENDANTS for _ in range(weight) if name in units]
    numbers = {}
    suggestion = Suggestion.objects.filter(kind="judicial", addressee__name="旗住建局").first()
    for index in range(60):
        _litigation(rng, today, today - datetime.timedelta(days=3 + index * 6), units, pool, court, numbers,
                    suggestion if index == 20 else None)
    for index in range(45):
        _litigation(rng, today, today - datetime.timedelta(days=368 + index * 8), units, pool, court, numbers, None)
    for index in range(40):  # the year before, for 发案量同比's base
        _litigation(rng, today, today - datetime.timedelta(days=734 + index * 9), units, pool, court, numbers, None)
    for index in range(12):
        _review(rng, today, today - datetime.timedelta(days=20 + index * 28), units, pool, office, index + 1)
    _due_soon(today)
    return Case.objects.count()


def _due_soon(today):
    """Two hearings in the coming days with no head reported yet (临期): one for 公安局, whose liaison is a demo
    account, one for another unit."""
    pending = Case.objects.filter(outcome="", proceeding=Proceeding.LITIGATION, defendant__isnull=False,
                                  instance=Instance.FIRST).order_by("-filed_on")
    police = pending.filter(defendant__name="旗公安局").first()
    other = pending.exclude(defendant__name="旗公安局").first()
    for offset, case in ((2, police), (5, other)):
        if case:
            Hearing.objects.create(case=case, held_on=today + datetime.timedelta(days=offset))


def _link_plan_task():
    """The Wushen plan asks 「确保行政机关负责人出庭应诉率达到100%」: that item is measured by the indicator."""
    from indicators.models import Indicator, MeasureKind
    from tasks.models import Task

    attendance = Indicator.objects.filter(measure=MeasureKind.ATTENDANCE_RATE).first()
    task = Task.objects.filter(body__contains="出庭应诉率达到100%").first()
    if attendance and task:
        attendance.target = 100
        attendance.save(update_fields=["target"])
        Task.objects.filter(pk=task.pk).update(indicator=attendance)


def _number(numbers, year, code):
    key = (year, code)
    numbers[key] = numbers.get(key, 0) + 1
    court = "蒙06" if code == "行终" else "蒙0626"
    return f"（{year}）{court}{code}{numbers[key]}号"


def _litigation(rng, today, filed, units, pool, court, numbers, suggestion):
    draw = rng.random()
    instance, code = ((Instance.FIRST, "行初") if draw < 0.85 else
                      (Instance.SECOND, "行终") if draw < 0.95 else (Instance.ENFORCEMENT, "行审"))
    external = rng.random() < 0.05
    defendant = None if external else units[rng.choice(pool)]
    age = (today - filed).days
    concluded = age > 150 or (age > 60 and rng.random() < 0.75)
    closed = min(today - datetime.timedelta(days=1), filed + datetime.timedelta(days=rng.randint(45, 140))) \
        if concluded else None
    outcome = rng.choice(OUTCOMES) if concluded else ""
    case = Case.objects.create(
        proceeding=Proceeding.LITIGATION, number=_number(numbers, filed.year, code), instance=instance,
        court="鄂尔多斯市中级人民法院" if instance == Instance.SECOND else "乌审旗人民法院", court_unit=court.unit,
        cause=rng.choice(CAUSES), plaintiff_type=rng.choice([PlaintiffType.PERSON] * 7 + [PlaintiffType.ENTERPRISE] * 2
                                                            + [PlaintiffType.OTHER]),
        defendant=defendant, defendant_name=EXTERNAL if external else "", filed_on=filed, closed_on=closed,
        outcome=outcome, coordinated=outcome == Outcome.WITHDRAWN and rng.random() < 0.6,
        pre_litigation=rng.choice([""] * 7 + [PreLitigation.FAILED, PreLitigation.FAILED, PreLitigation.PARTLY]),
        suggestion=suggestion, note="演示数据", registered_by=court)
    if instance == Instance.ENFORCEMENT or outcome in (Outcome.DISMISSED,):
        return  # non-litigation enforcement is reviewed on paper; a suit dismissed by ruling is not heard
    _hearings(rng, today, case, filed, closed)


def _hearings(rng, today, case, filed, closed):
    if closed:
        if (closed - filed).days < 30:
            return
        days = [filed + datetime.timedelta(days=rng.randint(20, (closed - filed).days - 5))]
        if rng.random() < 0.1:
            days.append(min(closed, days[0] + datetime.timedelta(days=14)))
    else:
        days = [max(filed + datetime.timedelta(days=25), today + datetime.timedelta(days=rng.randint(-30, 25)))]
    for day in days:
        hearing = Hearing(case=case, held_on=day)
        if day < today:
            hearing.attendance = rng.choice(ATTENDANCE)
        elif rng.random() < 0.4:
            hearing.attendance = Attendance.DEPUTY  # reported ahead of the hearing (出庭人员报备)
        if hearing.attendance in HEADS:
            hearing.head_post, hearing.head_name = HEADS[hearing.attendance]
            hearing.spoke = rng.random() < 0.7
        hearing.save()


def _review(rng, today, filed, units, pool, office, number):
    closed = filed + datetime.timedelta(days=rng.randint(30, 60))
    concluded = closed < today
    Case.objects.create(
        proceeding=Proceeding.REVIEW, number=f"乌审政复〔{filed.year}〕{number}号", court="乌审旗人民政府",
        cause=rng.choice(CAUSES[:6]), plaintiff_type=rng.choice([PlaintiffType.PERSON, PlaintiffType.ENTERPRISE]),
        defendant=units[rng.choice(pool)], applied_on=filed - datetime.timedelta(days=rng.randint(1, 5)),
        filed_on=filed, closed_on=closed if concluded else None,
        outcome=rng.choice(REVIEW_OUTCOMES) if concluded else "", note="演示数据", registered_by=office)
