"""The three administrators reach no business page: the probe opened /tasks/notifications/ as each of them."""

import pytest
from auditlog.models import LogEntry
from django.urls import get_resolver, reverse

from fuyuan.accounts.middleware import BUSINESS_NAMESPACES


def business_get_urls():
    """Every business URL without arguments, from the URL conf itself (a new page is covered the day it appears)."""
    resolver = get_resolver()
    urls = ["/dashboard/"]
    for namespace in sorted(BUSINESS_NAMESPACES):
        for name, patterns in resolver.namespace_dict[namespace][1].reverse_dict.items():
            if isinstance(name, str) and not patterns[0][0][1]:
                urls.append(reverse(f"{namespace}:{name}"))
    return sorted(set(urls))


@pytest.mark.parametrize("username", ["sysadmin", "secadmin", "auditor"])
def test_administrators_get_403_on_every_business_page(world, username):
    client = world.client(username)
    urls = business_get_urls()
    assert "/tasks/notifications/" in urls
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert LogEntry.objects.filter(additional_data__event="permission_denied").count() >= len(urls)
    home = client.get("/").content.decode()
    assert "/tasks/notifications/" not in home


def test_business_roles_keep_their_notifications(world):
    assert world.client("gaj").get("/tasks/notifications/").status_code == 200
