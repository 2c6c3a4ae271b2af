"""A flood of sign-ins with random account names is throttled per address, cheaply; other addresses go on."""

import time

from django.urls import reverse

from fuyuan.accounts.demo import DEMO_PASSWORD


def test_random_usernames_from_one_address_are_throttled_without_hashing(world, client, settings, monkeypatch):
    settings.LOGIN_IP_FAILURE_LIMIT = 10
    for n in range(10):
        response = client.post(reverse("login"), {"username": f"guess{n}", "password": "x"}, REMOTE_ADDR="10.9.9.9")
        assert response.status_code == 200
    hashed = []
    monkeypatch.setattr("django.contrib.auth.hashers.MD5PasswordHasher.encode",
                        lambda *a, **k: hashed.append(1) or "md5$x$y")
    start = time.perf_counter()
    response = client.post(reverse("login"), {"username": "gaj", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    assert "此地址" in response.content.decode()
    assert not hashed  # answered before any password was hashed
    assert time.perf_counter() - start < 0.5
    monkeypatch.undo()
    # A colleague at another address signs in as usual.
    response = client.post(reverse("login"), {"username": "gaj", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.9.9.10")
    assert response.status_code == 302


def test_a_few_typos_do_not_block_the_office_address(world, client, settings):
    for username in ("gaj", "czj", "office"):
        client.post(reverse("login"), {"username": username, "password": "typo"}, REMOTE_ADDR="10.1.1.1")
    response = client.post(reverse("login"), {"username": "gaj", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 302
