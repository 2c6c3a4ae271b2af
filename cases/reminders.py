"""临期 for hearings: a hearing within DUE_SOON_DAYS with no head reported is chased by the daily deadline scan.

Connected to `tasks.scanning.deadline_scan`, so the one `scan_deadlines` command (cron) sends these too, at most
once per hearing and date (a postponed hearing earns a fresh reminder).
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tasks.models import Notification
from tasks.services import unit_accounts

from .models import Hearing, HearingReminder


def due_hearings(today: datetime.date, warn_days: int):
    """Hearings from today to today + warn_days whose defendant member unit has reported no head yet."""
    return (Hearing.objects.filter(attendance="", held_on__gte=today,
                                   held_on__lte=today + datetime.timedelta(days=warn_days),
                                   case__defendant__isnull=False)
            .exclude(reminders__held_on=F("held_on"))
            .select_related("case__defendant").order_by("held_on", "pk"))


def send_hearing_reminders(today: datetime.date, warn_days: int) -> int:
    """Notify each due hearing's defendant unit once; returns how many hearings were chased."""
    sent = 0
    for hearing in due_hearings(today, warn_days):
        case = hearing.case
        text = _("Hearing of %(number)s on %(date)s in %(days)s days: report who leads %(unit)s in court.") % {
            "number": case.number, "date": f"{hearing.held_on.year}年{hearing.held_on.month}月{hearing.held_on.day}日",
            "days": (hearing.held_on - today).days, "unit": case.defendant.name}
        try:
            with transaction.atomic():
                users = list(unit_accounts([case.defendant_id]))
                HearingReminder.objects.create(hearing=hearing, held_on=hearing.held_on, recipients=len(users))
                Notification.objects.bulk_create(Notification(user=user, text=text[:500]) for user in users)
        except IntegrityError:  # a concurrent scan sent it first
            continue
        sent += 1
    return sent


def on_deadline_scan(sender, today, warn_days, **kwargs):
    return send_hearing_reminders(today, warn_days)
