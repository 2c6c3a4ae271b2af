"""Rows read by plain SQL made model objects (fuyuan.lib.sql.instances): the same objects, with the same values of
the same types, as the ORM's Model.objects.get() — SQLite reads dates and datetimes as text and booleans as 0/1."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.db.models import BooleanField
from django.utils import timezone

from fuyuan.accounts.models import User
from fuyuan.lib.sql import fetch, instances, name
from fuyuan.units.models import MemberUnit
from tasks.models import Task
from tests.tasks.builders import make_task

pytestmark = pytest.mark.django_db


def columns(model):
    return ", ".join(f"{name(model)}.{name(model, field.name)}" for field in model._meta.concrete_fields)


def by_pk(model):
    return f"SELECT {columns(model)} FROM {name(model)} WHERE {name(model)}.{name(model, 'id')} = %s"


def typed_values(instance):
    """Each concrete field's value with its type: 1 == True and a text date is not a date, so both are compared."""
    return {field.attname: (type(getattr(instance, field.attname)), getattr(instance, field.attname))
            for field in instance._meta.concrete_fields}


def assert_as_the_orm_makes_it(ours, orm):
    assert type(ours) is type(orm)
    assert typed_values(ours) == typed_values(orm)
    assert ours._state.db == orm._state.db and ours._state.adding is orm._state.adding is False


@pytest.fixture
def rows(world):
    """A row of each model with every kind of value: dates (some empty), aware datetimes, booleans both ways, JSON."""
    task = make_task(world, "日期齐全的事项", due_in=12)
    Task.objects.filter(pk=task.pk).update(closed_on=datetime.date(2026, 3, 1), closure_requested_on=None)
    account = world.user("gaj")
    User.objects.filter(pk=account.pk).update(last_login=timezone.now(), is_staff=False, is_active=True)
    MemberUnit.objects.filter(pk=account.unit_id).update(aliases=["公安", "旗公安局"], active=False)
    entry = LogEntry.objects.order_by("-pk").first()
    return {Task: task.pk, User: account.pk, MemberUnit: account.unit_id, LogEntry: entry.pk}


@pytest.mark.parametrize("model", [Task, User, MemberUnit, LogEntry])
def test_each_object_is_the_orms(rows, model):
    pk = rows[model]
    [(ours,)] = instances(by_pk(model), [pk], model)
    assert_as_the_orm_makes_it(ours, model.objects.get(pk=pk))


def test_the_test_reads_values_the_orm_converts(rows):
    """The comparisons here mean something: on SQLite the raw row holds naive datetimes and JSON as text, and a
    computed true/false is 0 or 1, where the ORM has aware datetimes, lists and booleans (on PostgreSQL the driver
    returns the first two as such)."""
    (user_row,) = fetch(by_pk(User), [rows[User]])
    (unit_row,) = fetch(by_pk(MemberUnit), [rows[MemberUnit]])
    (flag,), = fetch(f"SELECT {name(User, 'last_login')} IS NOT NULL FROM {name(User)}", [])[:1]
    last_login = user_row[[field.attname for field in User._meta.concrete_fields].index("last_login")]
    aliases = unit_row[[field.attname for field in MemberUnit._meta.concrete_fields].index("aliases")]
    if connection.vendor == "sqlite":
        assert last_login.tzinfo is None and type(aliases) is str and type(flag) is int
    else:
        assert last_login.tzinfo is not None and type(flag) is bool


def test_joined_objects_and_extra_columns(rows, world):
    """An account with its unit (a LEFT JOIN: None where it has none), then computed columns converted as asked."""
    user, unit = name(User), name(MemberUnit)
    sql = (f"SELECT {columns(User)}, {columns(MemberUnit)}, {user}.{name(User, 'last_login')} IS NOT NULL, "
           f"{user}.{name(User, 'date_joined')}, {user}.{name(User, 'username')} "
           f"FROM {user} LEFT OUTER JOIN {unit} ON {user}.{name(User, 'unit')} = {unit}.{name(MemberUnit, 'id')} "
           f"WHERE {user}.{name(User, 'id')} IN (%s, %s) ORDER BY {user}.{name(User, 'id')}")
    with_unit, without = rows[User], world.user("sysadmin").pk
    made = instances(sql, [with_unit, without], User, MemberUnit,
                     extra=(BooleanField(), User._meta.get_field("date_joined"), None))
    assert len(made) == 2
    for account, account_unit, logged_in, joined, username in made:
        orm = User.objects.select_related("unit").get(pk=account.pk)
        assert_as_the_orm_makes_it(account, orm)
        if orm.unit is None:
            assert account_unit is None and account.pk == without
        else:
            assert_as_the_orm_makes_it(account_unit, orm.unit)
            assert account_unit.aliases == ["公安", "旗公安局"] and account_unit.active is False
        assert logged_in is (orm.last_login is not None)
        assert type(joined) is datetime.datetime and joined == orm.date_joined and joined.tzinfo is not None
        assert username == orm.username


def test_no_row_no_object(rows):
    assert instances(by_pk(Task), [10**8], Task) == []
