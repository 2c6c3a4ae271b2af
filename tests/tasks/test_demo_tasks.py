"""tasks.demo: the Wushen plan as a ledger in every state the office and liaisons meet, on any day it is loaded."""

import datetime

from django.conf import settings
from django.utils import timezone

from fuyuan.accounts.models import User
from tasks import deadlines
from tasks.demo import LIAISONS, load_tasks
from tasks.models import Decision, EventKind, Plan, ProgressReport, Status, Task
from tasks.selectors import ledger_tasks

MIX = {deadlines.OVERDUE: 1, deadlines.DUE_SOON: 1, deadlines.ON_TRACK: 5, deadlines.NO_DEADLINE: 16,
       deadlines.CLOSED_ON_TIME: 1}


def assert_the_mix(today):
    """Every light and state of the brief, counted as the office's ledger shows them on `today`."""
    lights = list(Task.objects.with_light(today).values_list("light", flat=True))
    assert {light: lights.count(light) for light in set(lights)} == MIX
    statuses = list(Task.objects.values_list("status", flat=True))
    assert statuses.count(Status.CLOSED) == 1
    assert statuses.count(Status.CLOSURE_REQUESTED) == 1
    unsigned = Task.objects.get(status=Status.ASSIGNED)  # handed out three days ago
    assert not unsigned.assignments.filter(signed_at__isnull=False).exists()
    returned = Task.objects.get(events__kind=EventKind.RETURNED)
    assert returned.status == Status.IN_PROGRESS
    assert list(returned.events.values_list("kind", flat=True))[-2:] == [EventKind.CLOSURE_REQUESTED,
                                                                         EventKind.RETURNED]
    extended = Task.objects.get(extensions__decision=Decision.APPROVED)
    assert extended.due_date == today + datetime.timedelta(days=44)
    assert Task.objects.filter(extensions__decision=Decision.PENDING).count() == 1
    office = User.objects.get(username="office")
    long_term = ledger_tasks(office, today).filter(deadline_kind="long_term")
    assert all(row.latest_progress for row in long_term)
    assert 0 < long_term.filter(missing_report=True).count() < long_term.count()
    last_quarter = deadlines.last_due_period(today, deadlines.QUARTERLY, settings.REPORT_GRACE_DAYS)
    assert ProgressReport.objects.filter(period_key=last_quarter.key).exists()
    assert not ProgressReport.objects.filter(submitted_at__date__gt=today).exists()


def test_the_demo_ledger_today(world):
    today = timezone.localdate()
    plan = load_tasks(world.units, world.accounts, today)
    assert plan.doc_number == "乌政发〔2023〕9号" and plan.issued_on == datetime.date(2023, 4, 18)
    assert plan.tasks.count() == 24 and plan.categories.count() == 6
    assert not plan.tasks.filter(category__isnull=True).exists()
    assert_the_mix(today)

    gaj = world.user("gaj")
    visible = set(Task.objects.visible_to(gaj).values_list("pk", flat=True))
    assert visible == set(Task.objects.filter(assignments__unit__name="旗公安局").values_list("pk", flat=True))
    assert 0 < len(visible) < 24

    load_tasks(world.units, world.accounts, today)
    assert Plan.objects.count() == 1 and Task.objects.count() == 24
    for username, _full_name, unit_name in LIAISONS:
        user = User.objects.get(username=username)
        assert user.unit.name == unit_name and user.check_password("Fuyuan#2024")


def test_the_demo_ledger_loaded_just_after_new_year(world):
    today = datetime.date(2027, 1, 3)  # the fourth quarter's reports are not due yet
    load_tasks(world.units, world.accounts, today)
    assert_the_mix(today)
