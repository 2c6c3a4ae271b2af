"""The session and the account are read with plain statements on every request (fuyuan.accounts.sessions,
fuyuan.accounts.backends): they load what Django's database session store and the ORM load, and everything that
ended access before still ends it — an expired or deleted session, a deactivated or deleted account, a changed
password, a reset second factor. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from fuyuan.accounts.backends import AccountBackend, load_account
from fuyuan.accounts.models import User
from fuyuan.accounts.sessions import SessionStore


def test_the_project_reads_sessions_through_its_store():
    assert settings.SESSION_ENGINE == "fuyuan.accounts.sessions"


def signed_in_key(world, username):
    return world.client(username).cookies[settings.SESSION_COOKIE_NAME].value


def loads(key):
    """What this store and Django's database store make of one session key: (data, key afterwards) each."""
    ours, django = SessionStore(key), DjangoStore(key)
    return (ours.load(), ours.session_key), (django.load(), django.session_key)


def test_a_live_session_loads_as_djangos_store_loads_it(world):
    key = signed_in_key(world, "gaj")
    ours, django = loads(key)
    assert ours == django and ours[1] == key
    assert ours[0][SESSION_KEY] == str(world.user("gaj").pk)


@pytest.mark.parametrize("change", ["expired", "expires now", "deleted", "unknown key", "tampered"])
def test_a_session_that_no_longer_counts_loads_empty_as_in_django(world, change):
    key = signed_in_key(world, "gaj")
    now = timezone.now()
    if change == "expired":
        Session.objects.filter(session_key=key).update(expire_date=now - datetime.timedelta(seconds=1))
    elif change == "expires now":  # the boundary: Django keeps a session only while expire_date > now
        Session.objects.filter(session_key=key).update(expire_date=now)
    elif change == "deleted":
        Session.objects.filter(session_key=key).delete()
    elif change == "unknown key":
        key = "x" * 32
    elif change == "tampered":
        Session.objects.filter(session_key=key).update(session_data="bm90IHNpZ25lZA:x:y")
    ours, django = loads(key)
    assert ours == django
    assert ours[0] == {}
    if change != "tampered":  # a row that is gone loses its key; a bad signature keeps it (Django's decode)
        assert ours[1] is None


@pytest.mark.parametrize("change", ["expired", "deleted"])
def test_a_browser_whose_session_ended_is_sent_to_sign_in(world, change):
    client = world.client("gaj")
    assert client.get(reverse("home")).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    rows = Session.objects.filter(session_key=key)
    if change == "expired":
        rows.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    else:
        rows.delete()
    assert client.get(reverse("home")).url.startswith(reverse("login"))


def orm_account(pk):
    return User.objects.select_related("unit").get(pk=pk)


def field_values(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def assert_same_objects(ours, orm):
    assert type(ours) is type(orm)
    assert field_values(ours) == field_values(orm)
    # The same Python types (SQLite returns dates as text and booleans as 0/1: converted as the ORM does).
    assert {k: type(v) for k, v in field_values(ours).items()} == {k: type(v) for k, v in field_values(orm).items()}
    assert ours._state.db == orm._state.db and not ours._state.adding


@pytest.mark.parametrize("username", ["gaj", "office", "sysadmin"])
def test_the_account_loads_as_the_orm_loads_it_with_its_unit(world, username, django_assert_num_queries):
    account = world.user(username)
    # Every kind of value set: dates, a JSON list on the unit, booleans both ways.
    User.objects.filter(pk=account.pk).update(last_login=timezone.now(), must_change_password=False,
                                              password_changed_at=timezone.now() - datetime.timedelta(days=3))
    if account.unit_id:
        account.unit.aliases = ["公安", "旗公安局"]
        account.unit.save()
    with django_assert_num_queries(1):
        ours = load_account(account.pk)
        unit = ours.unit  # read with the account, as select_related leaves it
    orm = orm_account(account.pk)
    assert_same_objects(ours, orm)
    assert ours.last_login.tzinfo is not None and ours.password_changed_at == orm.password_changed_at
    if orm.unit is None:
        assert unit is None and username == "sysadmin"
    else:
        assert_same_objects(unit, orm.unit)
        assert unit.aliases == ["公安", "旗公安局"]


def test_the_loaded_account_saves_like_any_other(world):
    ours = load_account(world.user("gaj").pk)
    ours.phone = "13800000000"
    ours.save()
    assert orm_account(ours.pk).phone == "13800000000" and orm_account(ours.pk).unit == ours.unit


def test_no_account_for_an_unknown_id_or_an_inactive_account(world):
    assert load_account(10**9) is None and AccountBackend().get_user(10**9) is None
    gaj = world.user("gaj")
    User.objects.filter(pk=gaj.pk).update(is_active=False)
    assert load_account(gaj.pk) is not None  # the row is there, but the backend refuses it, as ModelBackend does
    assert AccountBackend().get_user(gaj.pk) is None


@pytest.mark.parametrize("change", ["deactivated", "deleted", "password changed"])
def test_a_browser_is_signed_out_when_its_account_changes(world, change):
    client = world.client("czj")
    assert client.get(reverse("home")).status_code == 200
    account = User.objects.get(username="czj")
    if change == "deactivated":
        account.is_active = False
        account.save()
    elif change == "deleted":  # accounts are never deleted (the audit trail names them): a session naming none
        session = client.session
        session[SESSION_KEY] = str(10**9)
        session.save()
    else:  # the session's auth hash no longer matches: every other browser of the account is signed out
        account.set_password("Another-passw0rd")
        account.save()
    assert client.get(reverse("home")).url.startswith(reverse("login"))
    if change == "password changed":  # Django flushes the session whose hash no longer verifies
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        assert not Session.objects.filter(session_key=key).exists()
