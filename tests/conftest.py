"""Shared fixtures: the Wushen demo world, one signed-in client per role."""

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from fuyuan.accounts.demo import load_accounts
from fuyuan.accounts.roles import Role
from fuyuan.units.demo import load_units

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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class World:
    """The Wushen demo: units by printed name, accounts by username."""

    def __init__(self):
        from meetings.reference import ensure_types
        from suggestions.reference import ensure_rules

        # Reference data from data migrations does not survive a transactional test's flush.
        ensure_types()
        ensure_rules()
        self.units = load_units()
        self.accounts = load_accounts(self.units)

    def unit(self, name):
        return self.units[name]

    def user(self, username):
        return self.accounts[username]

    def client(self, username):
        client = Client()
        client.force_login(self.accounts[username])
        return client


@pytest.fixture
def world(db, fast_password_hashing):
    return World()


@pytest.fixture
def role_client(world):
    """role_client(Role.OFFICE) → a client signed in as that role's demo account."""

    def make(role):
        return world.client(ROLE_USERS[role])

    return make
