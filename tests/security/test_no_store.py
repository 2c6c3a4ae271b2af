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


@pytest.mark.parametrize("preset", [{}, {"Cache-Control": "max-age=60, public"},
                                    {"Expires": "Thu, 01 Jan 2099 00:00:00 GMT"}])
def test_the_headers_are_django_never_cache_headers(rf, preset, monkeypatch):
    import time

    from django.http import HttpResponse
    from django.utils.cache import add_never_cache_headers

    from fuyuan.accounts.middleware import NoStoreMiddleware

    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.5)
    expected = HttpResponse(headers=preset)
    add_never_cache_headers(expected)
    response = NoStoreMiddleware(lambda request: HttpResponse(headers=preset))(rf.get("/"))
    assert dict(response.headers) == dict(expected.headers)
