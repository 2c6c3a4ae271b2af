"""The interface speaks Chinese: the product name on every page, dates as 2024年4月30日."""

import datetime

from django.template import Context, Template
from django.urls import reverse


def test_login_page_is_chinese_with_the_product_name(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "府院联动督办平台" in html
    assert "登录" in html and "密码" in html
    assert 'lang="zh-hans"' in html


def test_every_home_page_carries_the_product_name(world):
    for username in ("office", "leader", "court", "gaj", "sysadmin", "secadmin", "auditor"):
        html = world.client(username).get(reverse("home")).content.decode()
        assert "府院联动督办平台" in html, username
        assert "退出" in html, username


def test_dates_print_the_chinese_way(db):
    rendered = Template("{{ d|date }}").render(Context({"d": datetime.date(2024, 4, 30)}))
    assert rendered == "2024年4月30日"


def test_time_zone_is_shanghai(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
