"""A forged X-Forwarded-For is not believed; a malformed one is no 500; behind a trusted proxy both are kept."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from fuyuan.accounts.demo import DEMO_PASSWORD


def sign_in(client, **headers):
    return client.post(reverse("login"), {"username": "gaj", "password": DEMO_PASSWORD}, **headers)


def login_entry():
    return LogEntry.objects.filter(additional_data__event="login").latest("pk")


def test_a_forged_forwarded_address_from_a_client_is_ignored(world, client):
    """The probe's entry recorded 203.0.113.66 sent by the client itself."""
    sign_in(client, REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert login_entry().remote_addr == "10.0.0.7"


@pytest.mark.parametrize("value", ["not-an-ip", "'; DROP TABLE x; --", "999.1.1.1", "a" * 300, "1.2.3.4, evil"])
def test_a_malformed_forwarded_header_is_no_error(world, client, settings, value):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    response = sign_in(client, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=value)
    assert response.status_code == 302
    assert login_entry().remote_addr == "10.0.0.1"
    office = world.client("office")
    response = office.post(reverse("units:edit", args=[world.unit("旗公安局").pk]),
                           {"name": "旗公安局", "short_name": "公安", "aliases": "", "kind": "government", "order": 9},
                           REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=value)
    assert response.status_code == 302


def test_behind_a_trusted_proxy_the_client_and_the_proxy_are_recorded(world, client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    sign_in(client, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.9, 10.0.0.2")
    entry = login_entry()
    assert entry.remote_addr == "198.51.100.9"  # the first hop the trusted proxies saw; the rest is the client's word
    assert entry.additional_data["peer"] == "10.0.0.1"
