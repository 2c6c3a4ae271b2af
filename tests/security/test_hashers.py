"""PBKDF2-HMAC-SM3 selectable by a setting; hashes made the other way are upgraded at the next sign-in."""

import time

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.urls import reverse

from fuyuan.accounts.demo import DEMO_PASSWORD
from fuyuan.accounts.models import User

SM3 = ["fuyuan.accounts.hashers.PBKDF2SM3Hasher", "fuyuan.accounts.hashers.PBKDF2SHA256Hasher"]
SHA = ["fuyuan.accounts.hashers.PBKDF2SHA256Hasher", "fuyuan.accounts.hashers.PBKDF2SM3Hasher"]


def test_sm3_hash_verifies_and_matches_an_independent_computation(settings):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    settings.PASSWORD_HASHERS = SM3
    settings.PASSWORD_SM3_ITERATIONS = 1000
    encoded = make_password("Fuyuan#2026")
    algorithm, iterations, salt, digest = encoded.split("$")
    assert (algorithm, iterations) == ("pbkdf2_sm3", "1000")
    import base64

    kdf = PBKDF2HMAC(algorithm=hashes.SM3(), length=32, salt=salt.encode(), iterations=1000)
    assert base64.b64decode(digest) == kdf.derive(b"Fuyuan#2026")
    assert check_password("Fuyuan#2026", encoded)
    assert not check_password("Fuyuan#2027", encoded)


@pytest.mark.parametrize(("before", "after", "algorithm"), [(SHA, SM3, "pbkdf2_sm3"), (SM3, SHA, "pbkdf2_sha256")])
def test_a_hash_made_the_other_way_is_upgraded_at_sign_in(world, client, settings, before, after, algorithm):
    settings.PASSWORD_PBKDF2_ITERATIONS = settings.PASSWORD_SM3_ITERATIONS = 1000
    settings.PASSWORD_HASHERS = before
    user = User.objects.get(username="gaj")
    user.set_password(DEMO_PASSWORD)
    user.save()
    assert identify_hasher(user.password).algorithm != algorithm
    settings.PASSWORD_HASHERS = after
    response = client.post(reverse("login"), {"username": "gaj", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == algorithm


def test_the_configured_costs(settings, capsys):
    """The figures quoted in the README: one check at the production costs, on this machine."""
    from django.conf import settings as live

    timings = {}
    for hashers in (SHA, SM3):
        settings.PASSWORD_HASHERS = hashers
        encoded = make_password("Fuyuan#2026")
        start = time.perf_counter()
        assert check_password("Fuyuan#2026", encoded)
        timings[identify_hasher(encoded).algorithm] = time.perf_counter() - start
    print({k: f"{v:.3f}s" for k, v in timings.items()}, live.PASSWORD_PBKDF2_ITERATIONS, live.PASSWORD_SM3_ITERATIONS)
    assert live.PASSWORD_PBKDF2_ITERATIONS == 600_000
    assert all(seconds < 3 for seconds in timings.values())
