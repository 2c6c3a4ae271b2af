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
