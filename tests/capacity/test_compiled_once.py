"""Queries compiled once per process (fuyuan.lib.sql.compiled_once) run with each call's values: the rows are the
queryset's own, whatever the values, and a value the ORM does not pass as a parameter is refused."""

import pytest
from django.db.models import OuterRef

from fuyuan.lib.sql import compiled_once, fetch
from fuyuan.units.models import MemberUnit, has_liaison
from tasks import task_page
from tasks.models import TaskUnit
from tests.tasks.builders import make_task


def test_each_call_gets_its_own_values(world):
    @compiled_once
    def units(first, second):
        return MemberUnit.objects.filter(pk__in=[first, second]).order_by("pk").values_list("name")

    a, b, c = (world.unit(name) for name in ("旗公安局", "旗财政局", "旗政府办"))
    for first, second in ((a, b), (c, a), (b, b)):
        assert fetch(*units(first.pk, second.pk)) == list(
            MemberUnit.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk").values_list("name"))


def test_a_value_written_into_the_sql_or_left_out_is_refused_unless_optional(world):
    from django.db.models.expressions import RawSQL

    @compiled_once
    def folded(unit_id):
        return MemberUnit.objects.filter(pk=RawSQL(str(unit_id), ())).values_list("name")

    with pytest.raises(ValueError, match="stand-in"):
        folded(1)

    def unused(unit_id, other):
        return MemberUnit.objects.filter(pk=unit_id).values_list("name")

    with pytest.raises(ValueError, match=r"stand-ins \[1\] are not parameters"):
        compiled_once(unused)(1, 2)
    unit = world.unit("旗公安局")
    assert fetch(*compiled_once(unused, optional=(1,))(unit.pk, 12345)) == [(unit.name,)]


def test_a_wrapped_parameter_gets_the_value(world):
    """A positive integer column: PostgreSQL's backend passes the value in psycopg's Int4."""
    from fuyuan.messaging.models import Message

    @compiled_once
    def messages(task_id):
        return Message.objects.filter(task_id=task_id).values_list("subject")

    Message.objects.create(task_id=77, subject="第七十七", text="t")
    assert fetch(*messages(77)) == [("第七十七",)] and fetch(*messages(78)) == []


def test_the_item_pages_units_are_the_orm_rows(world):
    """Signed and not, with and without an active liaison (旗政府办 has none; 旗财政局's is switched off)."""
    task = make_task(world, responsible=["旗财政局", "旗政府办"])
    from tasks import services

    services.sign(task=task, by=world.user("gaj"))
    czj = world.user("czj")
    for active in (True, False):
        czj.is_active = active
        czj.save()
        expected = list(TaskUnit.objects.filter(task=task).order_by("role", "order", "pk")
                        .annotate(liaison=has_liaison(OuterRef("unit_id")))
                        .values_list("unit_id", "role", "signed_at", "unit__name", "liaison"))
        rows = task_page.unit_rows(task)
        assert [(r.unit_id, r.role, r.signed_at, r.name, r.has_liaison) for r in rows] == expected
        assert [r.has_liaison for r in rows] == [True, active, False]
        assert all(r.has_liaison is True for r in task_page.unit_rows(task, with_liaison=False))
