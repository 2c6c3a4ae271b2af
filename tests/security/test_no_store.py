"""Signed-in pages and downloads carry Cache-Control: no-store (a shared PC's cache keeps nothing)."""

import pytest


@pytest.mark.parametrize(("username", "url"), [
    ("office", "/"), ("office", "/tasks/"), ("office", "/tasks/export.xlsx"), ("office", "/assessment/export.xlsx"),
    ("office", "/suggestions/export.xlsx"), ("auditor", "/audit/export.xlsx"), ("gaj", "/tasks/notifications/"),
    ("secadmin", "/accounts/roles/"),
])
def test_signed_in_pages_and_downloads_are_not_stored(world, username, url):
    response = world.client(username).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_login_page_is_not_stored_but_static_files_are_not_touched(client, live_server):
    import urllib.request

    assert "no-store" in client.get("/login/")["Cache-Control"]
    with urllib.request.urlopen(live_server.url + "/static/css/fuyuan.css") as response:
        assert "no-store" not in (response.headers.get("Cache-Control") or "")
