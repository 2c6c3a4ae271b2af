"""No rendered page refers to another host: government intranets are offline."""

import re

import pytest
from django.urls import reverse

from fuyuan.accounts.roles import Role
from tests.conftest import ROLE_USERS
from tests.test_role_matrix import EXPECTED, PUBLIC

# src/href/action/url() values that would make a browser contact another host.
EXTERNAL = re.compile(r"""(?:src|href|action|data)\s*=\s*["']\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.I)


def pages_for(role):
    for name, (allowed, kwargs_of, method) in EXPECTED.items():
        if method == "get" and (allowed == PUBLIC or role in allowed):
            yield name, kwargs_of


@pytest.mark.parametrize("role", list(Role))
def test_no_page_loads_anything_from_another_host(world, role):
    client = world.client(ROLE_USERS[role])
    checked = 0
    for name, kwargs_of in pages_for(role):
        response = client.get(reverse(name, kwargs=kwargs_of(world) if kwargs_of else None), follow=True)
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert not EXTERNAL.findall(html), f"{name} as {role}: {EXTERNAL.findall(html)}"
        checked += 1
    assert checked >= 2


def test_login_page_is_offline_too(client, db):
    html = client.get(reverse("login")).content.decode()
    assert not EXTERNAL.findall(html)
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html


def test_vendored_assets_are_served(client, db):
    for path in ("vendor/bootstrap/bootstrap.min.css", "vendor/htmx/htmx.min.js", "vendor/echarts/echarts.min.js"):
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path
