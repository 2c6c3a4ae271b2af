"""A year's 考核 score per member unit, explained item by item.

Every deduction and bonus is a line naming the item behind it (a task, a suggestion, a meeting), the
rule, the points and the date; a unit's score is the base plus its lines, each rule capped.
"""

import dataclasses
import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from fuyuan.units.models import MemberUnit
from meetings.models import Invitation, MeetingStatus
from suggestions.models import Suggestion
from suggestions.selectors import overdue_q
from tasks import deadlines
from tasks.models import ClosureRequest, Decision, TaskUnit, UnitRole
from tasks.selectors import in_year, light_expression, unit_missing_expression

from .models import Adjustment, Measure, ScoringRule

# The manual adjustment's line kind (not a rule: the office gives its points case by case).
ADJUSTMENT = "adjustment"


@dataclasses.dataclass
class Line:
    unit_id: int
    measure: str
    number: str
    title: str
    day: datetime.date | None
    points: Decimal = Decimal(0)
    capped: bool = False
    quantity: Decimal = Decimal(1)  # how many times the rule's points apply (indicators: per 10 points short)

    def get_measure_label(self):
        return measure_label(self.measure, self.points)


def measure_label(measure, points=Decimal(0)):
    """The rule's name, or 加分/减分 for a manual adjustment."""
    from django.utils.translation import gettext

    if measure == ADJUSTMENT:
        return gettext("Manual bonus") if points > 0 else gettext("Manual deduction")
    return Measure(measure).label


@dataclasses.dataclass
class UnitScore:
    unit: MemberUnit
    score: Decimal
    lines: list
    counts: dict
    rank: int | None = 0
    points: dict = dataclasses.field(default_factory=dict)
    assessable: bool = True


def rules(year: int | None = None) -> dict:
    """The active rules in force for the year (the current year by default), by measure."""
    from .reference import ensure_rules

    year = year or timezone.localdate().year
    ensure_rules(year=year)
    return {rule.measure: rule for rule in ScoringRule.objects.filter(year=year, active=True)}


def score(year: int, today: datetime.date | None = None) -> list[UnitScore]:
    """Every active unit's score for the year with its lines: ranked units best first, then those with no item."""
    today = today or timezone.localdate()
    by_measure = rules(year)
    lines = list(_lines(year, today))
    units = list(MemberUnit.objects.filter(active=True).order_by("order", "name"))
    assessable = _assessable_units(year)
    adjustments = list(Adjustment.objects.filter(year=year))
    base = by_measure[Measure.BASE].points if Measure.BASE in by_measure else Decimal(100)
    result = []
    for unit in units:
        mine = [line for line in lines if line.unit_id == unit.pk and line.measure in by_measure]
        manual = [Line(unit.pk, ADJUSTMENT, "", a.reason, timezone.localdate(a.created_at), a.points)
                  for a in adjustments if a.unit_id == unit.pk]
        counts, per_rule = _apply_rules(mine, by_measure)
        per_rule[ADJUSTMENT] = sum((line.points for line in manual), Decimal(0))
        total = base + sum(per_rule.values(), Decimal(0))
        mine = sorted(mine, key=lambda line: (line.measure, line.day or today)) + manual
        result.append(UnitScore(unit, total, mine, counts, points=per_rule,
                                assessable=unit.pk in assessable or bool(mine) or bool(manual)))
    result.sort(key=lambda s: (not s.assessable, -s.score, s.unit.order, s.unit.name))
    rank_ties([s for s in result if s.assessable])
    for unit_score in result:
        if not unit_score.assessable:
            unit_score.rank = None
    return result


def _apply_rules(lines, by_measure):
    """Give each line its points, each rule capped; return the counts and the points per rule."""
    counts, per_rule = {}, {}
    for measure, rule in by_measure.items():
        if measure == Measure.BASE:
            continue
        items = [line for line in lines if line.measure == measure]
        counts[measure] = len(items)
        spent = Decimal(0)
        for line in items:
            points = rule.points * line.quantity
            if rule.cap is not None and abs(spent + points) > rule.cap:
                points = (rule.cap - abs(spent)) * (1 if rule.points > 0 else -1)
                line.capped = True
            line.points = points
            spent += points
        per_rule[measure] = spent
    return counts, per_rule


def rank_ties(scores):
    """Competition ranking on score, best first: equal scores share a rank and the next is skipped (1, 2, 2, 4)."""
    previous, rank = None, 0
    for position, unit_score in enumerate(scores, start=1):
        if unit_score.score != previous:
            rank, previous = position, unit_score.score
        unit_score.rank = rank
    return scores


def _assessable_units(year):
    """Units with something to assess in the year: an item, a suggestion addressed to them, a meeting invitation."""
    units = set(TaskUnit.objects.filter(in_year(year, prefix="task__")).values_list("unit_id", flat=True))
    units |= set(Suggestion.objects.filter(issued_on__year=year).values_list("addressee_id", flat=True))
    units |= set(Invitation.objects.filter(meeting__status=MeetingStatus.HELD, meeting__starts_at__year=year)
                 .values_list("unit_id", flat=True))
    return units


def _lines(year, today):
    """Every event that counts, from a handful of queries."""
    warn = settings.DUE_SOON_DAYS
    # A suggestion's reply task counts under its own rule (late reply), not again as an overdue item.
    assignments = (TaskUnit.objects.filter(in_year(year, prefix="task__")).exclude(task__origin="suggestion")
                   .annotate(light=light_expression(today, warn, prefix="task__"),
                             missing=unit_missing_expression(today))
                   .select_related("task"))
    for a in assignments:
        task = a.task
        if a.light in (deadlines.OVERDUE, deadlines.CLOSED_LATE):
            measure = Measure.LEAD_OVERDUE if a.role == UnitRole.LEAD else Measure.RESPONSIBLE_OVERDUE
            yield Line(a.unit_id, measure, task.number, task.title, task.due_date)
        if a.missing:
            yield Line(a.unit_id, Measure.MISSING_REPORT, task.number, task.title, today)
        if a.role == UnitRole.LEAD and a.light == deadlines.CLOSED_ON_TIME and task.closed_on \
                and task.closed_on.year == year:
            yield Line(a.unit_id, Measure.CLOSED_ON_TIME, task.number, task.title, task.closed_on)
    sent_back = ClosureRequest.objects.filter(decision=Decision.REJECTED, decided_at__year=year).select_related("task")
    for closure in sent_back:
        yield Line(closure.unit_id, Measure.SENT_BACK, closure.task.number, closure.task.title,
                   timezone.localdate(closure.decided_at))
    late = Suggestion.objects.filter(issued_on__year=year).filter(
        Q(replied_on_time=False) | overdue_q(today))  # overdue_q includes a 跟踪问效 past its new deadline
    for suggestion in late:
        yield Line(suggestion.addressee_id, Measure.LATE_SUGGESTION_REPLY, suggestion.doc_number, suggestion.title,
                   suggestion.reply_due_on)
    absences = Invitation.objects.filter(meeting__status=MeetingStatus.HELD, meeting__starts_at__year=year,
                                         attended=False, reason="").select_related("meeting")
    for invitation in absences:
        yield Line(invitation.unit_id, Measure.ABSENT_WITHOUT_REASON, "", invitation.meeting.display_title,
                   timezone.localdate(invitation.meeting.starts_at))
    from indicators.assessment import shortfalls

    for shortfall in shortfalls(year, today):
        yield Line(shortfall.unit_id, Measure.INDICATOR_SHORTFALL, shortfall.name, shortfall.explanation,
                   shortfall.day, quantity=Decimal(shortfall.steps))
