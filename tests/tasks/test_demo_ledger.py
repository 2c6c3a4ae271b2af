"""The demo ledger: the Wushen plan's 24 tasks in 6 categories, worked into every state a user meets."""

from django.core.management import call_command
from django.utils import timezone

from tasks import deadlines
from tasks.models import EventKind, Plan, Status, Task
from tasks.selectors import ledger_tasks


def test_the_demo_has_every_light_and_queue(db, fast_password_hashing):
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    plan = Plan.objects.get()
    assert Task.objects.filter(origin="meeting").count() == 3
    assert plan.tasks.count() == 24 and plan.categories.count() == 6
    from fuyuan.accounts.models import User

    office = User.objects.get(username="office")
    rows = ledger_tasks(office, timezone.localdate())
    lights = set(rows.values_list("light", flat=True))
    assert {deadlines.OVERDUE, deadlines.DUE_SOON, deadlines.ON_TRACK, deadlines.NO_DEADLINE,
            deadlines.CLOSED_ON_TIME} <= lights
    assert rows.filter(missing_report=True).exists()
    returned = Task.objects.filter(origin="plan", events__kind=EventKind.RETURNED).get()
    assert returned.status == Status.IN_PROGRESS
    assert Task.objects.filter(origin="plan", status=Status.CLOSURE_REQUESTED).count() == 1
    assert Task.objects.filter(extensions__decision="approved").count() == 1
    assert Task.objects.filter(extensions__decision="pending").count() == 1
    assert Task.objects.filter(assignments__signed_at__isnull=True, status=Status.ASSIGNED).exists()

    gaj = User.objects.get(username="gaj")
    visible = set(Task.objects.visible_to(gaj).values_list("pk", flat=True))
    assert visible and visible == set(Task.objects.filter(assignments__unit=gaj.unit).values_list("pk", flat=True))

    from meetings.models import Meeting

    held = Meeting.objects.get(number=1)
    assert Meeting.objects.count() == 5
    from suggestions.models import Suggestion

    assert Suggestion.objects.count() == 12 and held.status == "held"
    assert held.decisions.filter(task__origin="meeting").count() == 3

    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    assert Plan.objects.count() == 1 and Task.objects.filter(origin="plan").count() == 24
    assert Meeting.objects.count() == 5
