"""Every demo account signs in through the real login form and lands on its own home page."""

import pytest

from tests.e2e.conftest import sign_in

HOMES = {
    "office": "联席会议办公室",
    "leader": "领导总览",
    "court": "司法建议和检察建议",
    "procuratorate": "司法建议和检察建议",
    "gaj": "本单位工作",
    "czj": "本单位工作",
    "sysadmin": "系统管理员",
    "secadmin": "安全管理员",
    "auditor": "审计管理员",
}


@pytest.mark.parametrize("username", list(HOMES))
def test_demo_account_home(page, live_server, e2e_world, shot, username):
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert "府院联动督办平台" in page.content()
    sign_in(page, live_server, username)
    assert page.url.rstrip("/") == live_server.url
    heading = page.locator("h1").first.inner_text()
    assert HOMES[username] in heading
    shot(f"home-{username}")
