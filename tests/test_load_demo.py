"""`load_demo` builds the Wushen world, says what it loaded, and can run again without duplicating anything."""

import io

from django.core.management import call_command

from fuyuan.accounts.models import User
from fuyuan.units.models import MemberUnit, RosterPosition, UnitGroup
from tasks.demo import LIAISONS
from tasks.models import Plan, ProgressReport, Task

DEMO_USERS = {"office", "leader", "court", "procuratorate", "gaj", "czj", "sysadmin", "secadmin", "auditor",
              *(username for username, _name, _unit in LIAISONS)}


def counts():
    return (MemberUnit.objects.count(), UnitGroup.objects.count(), RosterPosition.objects.count(),
            User.objects.count(), Plan.objects.count(), Task.objects.count(), ProgressReport.objects.count())


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_is_idempotent_and_prints_what_it_loaded(db):
    output = load_demo()
    first = counts()
    assert load_demo() == output
    assert counts() == first
    assert set(User.objects.values_list("username", flat=True)) >= DEMO_USERS
    assert User.objects.get(username="court").unit.name == "旗人民法院"
    assert User.objects.get(username="gaj").unit.name == "旗公安局"
    assert User.objects.get(username="office").check_password("Fuyuan#2024")
    assert MemberUnit.objects.count() == 41  # every unit the plan prints matched a demo unit or group
    summary = output.splitlines()[0]
    assert "41 member units" in summary and "24 items in 6 categories" in summary
    assert "建立常态化府院联动机制工作实施方案" in summary
    for username in DEMO_USERS:
        assert f"  {username} " in output
    # the year of meetings and the suggestions: decisions and replies are items of the same ledger
    from meetings.models import Meeting
    from suggestions.models import Suggestion

    held = Meeting.objects.get(number=1)
    assert Meeting.objects.count() == 5 and held.status == "held"
    assert held.decisions.filter(task__origin="meeting").count() == 3
    assert Suggestion.objects.count() == 12
    assert set(Suggestion.objects.values_list("status", flat=True)) == {"awaiting_reply", "replied", "returned",
                                                                         "closed"}
    assert Task.objects.filter(origin="suggestion").count() == 12


def test_every_request_and_removal_is_on_its_items_timeline(db):
    """The item page reads extension and closure requests and removed units only when its timeline has their
    event (tasks.views._detail_context): every path that writes one writes its event. The demo walks them all."""
    from tasks.models import ClosureRequest, EventKind, ExtensionRequest, RemovedAssignment, TaskEvent

    load_demo()
    assert ExtensionRequest.objects.exists() and ClosureRequest.objects.exists()
    for model, kind in ((ExtensionRequest, EventKind.EXTENSION_REQUESTED),
                        (ClosureRequest, EventKind.CLOSURE_REQUESTED),
                        (RemovedAssignment, EventKind.UNIT_REMOVED)):
        tasks = set(model.objects.values_list("task_id", flat=True))
        assert tasks <= set(TaskEvent.objects.filter(kind=kind).values_list("task_id", flat=True)), model.__name__
