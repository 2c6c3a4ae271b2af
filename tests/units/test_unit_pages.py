"""The office keeps the member units, groups and roster; units are deactivated, never deleted."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from fuyuan.units.models import MemberUnit, RosterPosition, UnitGroup


def test_unit_list_shows_the_wushen_units(world):
    page = world.client("office").get(reverse("units:list")).content.decode()
    for name in ("旗人民法院", "旗司法局", "嘎鲁图镇人民政府", "市生态环境局乌审分局"):
        assert name in page


def test_office_creates_a_unit_with_aliases(world):
    response = world.client("office").post(reverse("units:create"), {
        "name": "旗税务局", "short_name": "税务局", "aliases": "税务部门、国税局", "kind": "government", "order": 500,
    })
    assert response.status_code == 302
    unit = MemberUnit.objects.get(name="旗税务局")
    assert unit.aliases == ["税务部门", "国税局"]
    assert MemberUnit.objects.matching("税务部门").get() == unit


def test_duplicate_name_gets_a_chinese_message(world):
    response = world.client("office").post(reverse("units:create"), {
        "name": "旗公安局", "short_name": "", "aliases": "", "kind": "government", "order": 1,
    })
    assert response.status_code == 200
    assert "已存在" in response.content.decode()
    assert MemberUnit.objects.filter(name="旗公安局").count() == 1


def test_deactivated_unit_leaves_the_list_but_stays(world):
    unit = world.unit("旗统计局")
    client = world.client("office")
    client.post(reverse("units:set_active", args=[unit.pk]), {"active": "0"})

    def table(params=None):
        return client.get(reverse("units:list"), params).content.decode().split('data-testid="unit-table"')[1]

    assert "旗统计局" not in table()
    assert "旗统计局" in table({"show": "all"})
    unit.refresh_from_db()
    assert not unit.active


def test_units_are_never_deleted(world):
    with pytest.raises(ProtectedError):
        world.unit("旗统计局").delete()
    assert MemberUnit.objects.filter(name="旗统计局").exists()


@pytest.mark.parametrize("printed, expected", [
    ("司法局", "旗司法局"), ("旗司法局", "旗司法局"), ("旗法院", "旗人民法院"),
    ("市场监督局", "旗市场监督管理局"), ("乌审旗人民检察院", "旗人民检察院"),
])
def test_printed_names_match_units(world, printed, expected):
    assert MemberUnit.objects.matching(printed).get().name == expected


def test_groups_expand_to_their_units(world):
    townships = UnitGroup.objects.get(name="各苏木镇人民政府")
    assert townships.units.count() == 6
    departments = UnitGroup.objects.get(name="旗直各部门")
    assert departments.units.filter(name="旗公安局").exists()
    assert not departments.units.filter(name="旗人民法院").exists()


def test_office_edits_group_members(world):
    group = UnitGroup.objects.get(name="各苏木镇人民政府")
    keep = list(group.units.values_list("pk", flat=True))[:2]
    response = world.client("office").post(reverse("units:group_edit", args=[group.pk]), {
        "name": group.name, "aliases": "", "units": keep, "order": 1,
    })
    assert response.status_code == 302
    assert group.units.count() == 2


def test_roster_shows_current_and_history(world):
    client = world.client("office")
    page = client.get(reverse("units:roster")).content.decode()
    assert "希尼" in page and "召集人" in page
    convener = RosterPosition.objects.get(person_name="希尼")
    client.post(reverse("units:roster_end", args=[convener.pk]))
    client.post(reverse("units:roster_add"), {
        "position": "convener", "person_name": "新旗长", "title": "政府旗长", "unit": world.unit("旗政府办").pk,
        "phone": "", "started_on": "2026-11-01", "note": "",
    })
    page = client.get(reverse("units:roster")).content.decode()
    current, history = page.split("历史记录")
    assert "新旗长" in current and "希尼" in history


def test_leader_reads_but_cannot_edit(world):
    client = world.client("leader")
    page = client.get(reverse("units:list")).content.decode()
    assert "旗公安局" in page and reverse("units:create") not in page
    unit = world.unit("旗公安局")
    assert client.post(reverse("units:set_active", args=[unit.pk]), {"active": "0"}).status_code == 403
    unit.refresh_from_db()
    assert unit.active
