"""The services' two reads of every transition, compiled once per process: the item under its row lock and the
acting unit's part, as the ORM read them."""

import pytest
from django.db import connection, transaction

from tasks import services
from tasks.models import Task, TaskUnit
from tests.tasks.builders import make_task


def _fields(instance, model):
    return [getattr(instance, field.attname) for field in model._meta.concrete_fields]


def test_the_locked_item_is_the_orm_row(world):
    task = make_task(world, "加锁读取", due_in=None, responsible=["旗财政局"])
    with transaction.atomic():
        locked = services._lock(task)
        assert _fields(locked, Task) == _fields(Task.objects.get(pk=task.pk), Task)
        assert locked._state.adding is False
        with pytest.raises(Task.DoesNotExist):
            services._lock(Task(pk=987654))
    if connection.vendor == "postgresql":
        assert services._locked(task.pk)[0].endswith("FOR UPDATE")


@pytest.mark.django_db(transaction=True)
def test_the_lock_is_refused_outside_a_transaction(fast_password_hashing):
    from tests.conftest import World

    task = make_task(World(), "无事务")
    with pytest.raises(transaction.TransactionManagementError):
        services._lock(task)


def test_the_acting_units_part_is_the_orm_row(world):
    task = make_task(world, "单位读取", responsible=["旗财政局"])
    services.sign(task=task, by=world.user("czj"))
    for username in ("gaj", "czj"):
        user = world.user(username)
        part = services._assignment(task, user)
        expected = TaskUnit.objects.select_related("unit").get(task=task, unit_id=user.unit_id)
        assert _fields(part, TaskUnit) == _fields(expected, TaskUnit)
        assert _fields(part.unit, type(expected.unit)) == _fields(expected.unit, type(expected.unit))
        assert part.unit.name == expected.unit.name and part._state.adding is False
    with pytest.raises(services.TransitionRefused):
        services._assignment(task, world.user("court"))  # 法院 is not on the item
