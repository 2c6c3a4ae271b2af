"""`load_demo` builds the Wushen world and can run again without duplicating anything."""

from django.core.management import call_command

from fuyuan.accounts.models import User
from fuyuan.units.models import MemberUnit, RosterPosition, UnitGroup

DEMO_USERS = {"office", "leader", "court", "procuratorate", "gaj", "czj", "sysadmin", "secadmin", "auditor"}


def counts():
    return (MemberUnit.objects.count(), UnitGroup.objects.count(), RosterPosition.objects.count(),
            User.objects.count())


def test_load_demo_is_idempotent(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    first = counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert counts() == first
    assert set(User.objects.values_list("username", flat=True)) >= DEMO_USERS
    assert User.objects.get(username="court").unit.name == "旗人民法院"
    assert User.objects.get(username="gaj").unit.name == "旗公安局"
    assert User.objects.get(username="office").check_password("Fuyuan#2024")
