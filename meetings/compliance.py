"""Cadence compliance for a year: required against held meetings per period, and each unit's attendance."""

import dataclasses
import datetime

from django.db.models import Count, Q
from django.utils import timezone

from fuyuan.lib.sql import compiled_objects, compiled_rows
from tasks import deadlines

from .models import Cadence, Invitation, Meeting, MeetingStatus, MeetingType

CYCLE_OF = {Cadence.QUARTERLY: deadlines.QUARTERLY, Cadence.HALF_YEARLY: deadlines.HALF_YEARLY,
            Cadence.YEARLY: deadlines.YEARLY}
DUE, MET, MISSING, OPEN = "due", "met", "missing", "open"


@dataclasses.dataclass
class PeriodRow:
    type: MeetingType
    period: deadlines.Period
    required: int
    held: int
    state: str  # met, missing (period over, too few held), open (period running), due (not started)


def periods_of(year: int, cycle: str):
    period = deadlines.period_containing(datetime.date(year, 1, 1), cycle)
    while period.start.year == year:
        yield period
        period = deadlines.next_period(period)


def cadence(year: int, today: datetime.date | None = None) -> list[PeriodRow]:
    """Every required period of every type with a cadence, how many meetings it needed and how many were held."""
    today = today or timezone.localdate()
    # Both statements depend only on the year: compiled once for it (fuyuan.lib.sql), as the dashboard asks
    # on every request.
    held = [(type_id, timezone.localtime(starts_at).date()) for type_id, starts_at in compiled_rows(
        ("meetings.cadence.held", year), lambda: Meeting.objects.filter(
            status=MeetingStatus.HELD, starts_at__year=year).values_list("type_id", "starts_at"))]
    types = compiled_objects(("meetings.cadence.types",), MeetingType,
                             lambda: MeetingType.objects.exclude(cadence=Cadence.AS_NEEDED))
    rows = []
    for meeting_type in types:
        for period in periods_of(year, CYCLE_OF[meeting_type.cadence]):
            count = sum(1 for type_id, day in held if type_id == meeting_type.pk and period.start <= day <= period.end)
            if count >= meeting_type.per_period:
                state = MET
            elif today > period.end:
                state = MISSING
            elif today >= period.start:
                state = OPEN
            else:
                state = DUE
            rows.append(PeriodRow(meeting_type, period, meeting_type.per_period, count, state))
    return rows


def attendance(year: int):
    """Per unit, over the year's held meetings: invited, recorded, attended, principal attended, and the two rates."""
    rows = (Invitation.objects.filter(meeting__status=MeetingStatus.HELD, meeting__starts_at__year=year)
            .values("unit_id", "unit__name", "unit__order")
            # Aliases must not repeat a field name (attended): the filter would read the alias.
            .annotate(invited=Count("pk"), recorded=Count("pk", filter=Q(attended__isnull=False)),
                      present=Count("pk", filter=Q(attended=True)),
                      principal=Count("pk", filter=Q(attended_by_principal=True)),
                      absent_without_reason=Count("pk", filter=Q(attended=False, reason=""))
                      ).order_by("unit__order", "unit__name"))
    out = []
    for row in rows:
        # Rates over the meetings whose attendance was recorded: unrecorded is neither present nor absent.
        recorded = row["recorded"]
        out.append({**row, "attendance_rate": row["present"] / recorded if recorded else None,
                    "principal_rate": row["principal"] / recorded if recorded else None})
    return out
