"""Shared fixtures: the Wushen demo world, one signed-in client per role."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, override_settings
from hypothesis import settings as hypothesis_settings

from fuyuan.accounts.demo import load_accounts
from fuyuan.accounts.roles import Role
from fuyuan.units.demo import load_units
from tests.live_server import start_live_server

# No per-example time limit: on a shared, loaded machine Hypothesis's 200 ms deadline fails correct code (a
# 400-year span of monthly periods took 356 ms). Tests here check results; speed is the benchmark's business.
hypothesis_settings.register_profile("fuyuan", deadline=None)
hypothesis_settings.load_profile("fuyuan")

ROLE_USERS = {
    Role.OFFICE: "office",
    Role.LEADER: "leader",
    Role.ISSUER: "court",
    Role.LIAISON: "gaj",
    Role.SYSADMIN: "sysadmin",
    Role.SECADMIN: "secadmin",
    Role.AUDITOR: "auditor",
}


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


class World:
    """The Wushen demo: units by printed name, accounts by username."""

    def __init__(self, rows=None):
        """Build the world through the demo loaders, or, given `rows` (WorldRows), insert the rows they write."""
        from meetings.reference import ensure_types
        from suggestions.reference import ensure_rules

        # Reference data from data migrations does not survive a transactional test's flush.
        ensure_types()
        ensure_rules()
        if rows is None:
            self.units = load_units()
            self.accounts = load_accounts(self.units)
        else:
            self.units, self.accounts = rows.insert()

    def unit(self, name):
        return self.units[name]

    def user(self, username):
        return self.accounts[username]

    def client(self, username):
        client = Client()
        client.force_login(self.accounts[username])
        return client


class WorldRows:
    """The rows the demo loaders add to a test database, captured from a build that is rolled back.

    Building the world through the loaders (update_or_create, audit entries and their chain, one at a time) took
    about a second per test, most of the suite's time; inserting the captured rows takes a few statements. Each
    test still starts from exactly the rows the loaders write (same keys, so the audit chain's hashes hold),
    inserted in its own transaction, with fresh instances.

    The rows point outside themselves only at content types (audit entries name their model). A transactional
    test's flush recreates those under new keys; the rows are then captured again.
    """

    def __init__(self):
        self.rows = None
        self.content_types = None

    def insert(self):
        from fuyuan.accounts.models import User
        from fuyuan.units.models import MemberUnit

        if self.rows is None or not self._still_valid():
            self.capture()
        with transaction.atomic():  # foreign keys are checked at commit, so the tables' order does not matter
            for model, values in self.rows:
                model._base_manager.bulk_create([model(**value) for value in values])
        inserted = dict(self.rows)
        # In the order the loaders made them (their dicts' order), as fresh instances.
        units = {u.pk: u for u in MemberUnit.objects.filter(pk__in=[v["id"] for v in inserted[MemberUnit]])}
        units = {v["id"]: units[v["id"]] for v in inserted[MemberUnit]}
        accounts = {u.pk: u for u in User.objects.filter(pk__in=[v["id"] for v in inserted[User]])}
        accounts = {v["id"]: accounts[v["id"]] for v in inserted[User]}
        for user in accounts.values():
            if user.unit_id:
                user.unit = units[user.unit_id]  # the account's unit is the world's unit, as the loaders return it
        return {u.name: u for u in units.values()}, {u.username: u for u in accounts.values()}

    def _still_valid(self):
        return self.content_types == self._content_types(self.content_types)

    @staticmethod
    def _content_types(pks):
        return {pk: (app, name) for pk, app, name in
                ContentType.objects.filter(pk__in=pks).values_list("pk", "app_label", "model")}

    def capture(self):
        from meetings.reference import ensure_types
        from suggestions.reference import ensure_rules

        models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
            ensure_types()  # the reference data World() ensures first (a flush removes it) is not the world's own
            ensure_rules()
            before = {model: _table_rows(model) for model in models}
            World()
            rows, added_keys = [], {}
            for model in models:
                after = _table_rows(model)
                changed = [pk for pk, row in before[model].items() if after.get(pk) != row]
                assert not changed, f"building the world changed existing {model._meta.label} rows {changed}"
                added = {pk: row for pk, row in sorted(after.items()) if pk not in before[model]}
                if added:
                    rows.append((model, [{k: v for k, v in row.items() if k != "pk"} for row in added.values()]))
                    added_keys[model] = set(added)
            transaction.set_rollback(True)
        content_types = set()
        for model, values in rows:
            for field in model._meta.concrete_fields:
                if not field.is_relation:
                    continue
                target = field.related_model
                outside = {v[field.attname] for v in values if v[field.attname] is not None} - added_keys.get(
                    target, set())
                if target is ContentType:
                    content_types |= outside
                else:
                    assert not outside, (f"the world's {model._meta.label}.{field.name} points at rows it did not "
                                         f"write ({target._meta.label} {sorted(outside)}): capture those too")
        self.rows, self.content_types = rows, self._content_types(content_types)


def _table_rows(model):
    fields = [f.attname for f in model._meta.concrete_fields]
    return {row["pk"]: row for row in model._base_manager.values("pk", *fields)}


@pytest.fixture(scope="session")
def world_rows(django_db_setup, django_db_blocker):
    """Captured on each worker's fresh test database, before any test has run there."""
    rows = WorldRows()
    with django_db_blocker.unblock():
        rows.capture()
    return rows


@pytest.fixture
def world(db, fast_password_hashing, world_rows):
    return World(world_rows)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's, joining its request threads before it stops sharing the database (tests/live_server.py)."""
    server = start_live_server(request)
    yield server
    server.stop()


@pytest.fixture
def role_client(world):
    """role_client(Role.OFFICE) → a client signed in as that role's demo account."""

    def make(role):
        return world.client(ROLE_USERS[role])

    return make


def _whitenoise_key():
    from django.conf import settings

    names = ["DEBUG", "STATIC_URL", "STATICFILES_DIRS", "STATICFILES_FINDERS", "FORCE_SCRIPT_NAME"]
    names += [name for name in dir(settings) if name.startswith("WHITENOISE_")]
    return repr([(name, getattr(settings, name, None)) for name in sorted(names)])


_FOUND_STATIC_FILES = {}


@pytest.fixture(autouse=True, scope="session")
def static_files_listed_once():
    """WhiteNoise lists every static file (~1,500 with the admin's) when a handler loads its middleware, i.e. for
    each test client: 0.1-0.25 s a client, thousands of clients. Production loads it once per process; here the
    listing is made once per combination of the settings it depends on and reused."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    listing = WhiteNoiseMiddleware.add_files_from_finders

    def add_files_from_finders(self):
        key = _whitenoise_key()
        if key not in _FOUND_STATIC_FILES:
            before = dict(self.files)
            listing(self)
            _FOUND_STATIC_FILES[key] = {url: f for url, f in self.files.items() if before.get(url) is not f}
        self.files.update(_FOUND_STATIC_FILES[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoiseMiddleware, "add_files_from_finders", add_files_from_finders)
        yield


# A test that asks for none of these cannot reach a database (pytest-django refuses it), so it gives the same
# result on SQLite and on PostgreSQL: CI runs it once, on SQLite (`-m "not dbindependent"` on PostgreSQL).
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences",
                     "django_db_serialized_rollback"}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("django_db") is None and not DATABASE_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.dbindependent)
