"""Wording users read: Chinese punctuation and dates in generated text, the login error, the 500 page, the admin."""

import datetime
import re

from django.core.management import get_commands
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.views.defaults import server_error

from fuyuan.units.models import MemberUnit
from suggestions import services as suggestion_services
from tasks import services
from tasks.models import Origin, TaskEvent


def item(world, due_in=10):
    office = world.user("office")
    task = services.create_task(by=office, origin=Origin.ADHOC, title="措辞测试事项",
                                lead_units=[world.unit("旗公安局")],
                                due_date=timezone.localdate() + datetime.timedelta(days=due_in))
    return services.assign(task=task, by=office)


def test_timeline_texts_use_chinese_punctuation_and_dates(world):
    task = item(world)
    services.remind(task=task, by=world.user("office"), message="请加快办理")
    new_due = datetime.date(2027, 1, 31)
    extension = services.request_extension(task=task, by=world.user("gaj"), new_due_date=new_due, reason="需协调")
    services.decide_extension(extension=extension, by=world.user("office"), approve=True, note="同意延期")
    texts = list(TaskEvent.objects.filter(task=task).values_list("text", flat=True))
    assert "联席办催办（旗公安局）：请加快办理" in texts  # one line names every unit chased
    assert any(t.endswith("2027年1月31日；同意延期") for t in texts), texts
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}|[^\s]: |; ", t) for t in texts), texts


def test_the_registration_message_prints_the_deadline_the_chinese_way(world):
    response = world.client("court").post(reverse("suggestions:register"), {
        "kind": "judicial", "type": "class", "doc_number": "乌法建〔2026〕40号", "addressee": world.unit("旗人社局").pk,
        "title": "测试", "content": "建议", "issued_on": "2026-11-27", "served_on": "2026-11-28"}, follow=True)
    assert "回复期限为2027年1月28日" in response.content.decode()


def test_a_changed_reply_deadline_is_written_the_chinese_way(world):
    today = timezone.localdate()
    suggestion = suggestion_services.register(
        by=world.user("court"), kind="judicial", type="class", doc_number="乌法建〔2026〕41号",
        addressee=world.unit("旗人社局"), title="测试", content="建议", issued_on=today, served_on=today)
    suggestion_services.change_deadline(suggestion=suggestion, by=world.user("court"),
                                        reply_due_on=datetime.date(2027, 3, 1), reason="案情复杂")
    text = TaskEvent.objects.filter(task=suggestion.task, kind="edited").get().text
    assert "2027年3月1日" in text and "2027-03-01" not in text


def test_the_login_error_names_the_account_like_the_field(client, world):
    page = client.post(reverse("login"), {"username": "gaj", "password": "wrong"}).content.decode()
    assert "账号或密码不正确" in page and "用户名" not in page


def test_the_dashboard_says_replied_on_time(world):
    page = world.client("office").get(reverse("dashboard")).content.decode()
    assert "<th>按期回复</th>" in page and "是否按期回复" not in page


def test_the_500_page_is_branded_and_chinese(db):
    with translation.override("zh-hans"):
        response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "府院联动督办平台" in page and "系统出现错误" in page and "Server Error" not in page
    assert "/static/vendor/bootstrap/bootstrap.min.css" in page


def test_runserver_serves_static_files_through_whitenoise(settings):
    apps = settings.INSTALLED_APPS
    assert apps.index("whitenoise.runserver_nostatic") < apps.index("django.contrib.staticfiles")
    assert get_commands()["runserver"] == "whitenoise.runserver_nostatic"


def test_the_lockout_admin_is_chinese(world):
    page = world.client("sysadmin").get(reverse("admin:index")).content.decode()
    assert "登录锁定" in page and "登录失败记录" in page
    assert ">Axes<" not in page and "Access attempts" not in page


def test_a_short_name_is_the_units_own_and_the_printed_variant_still_matches(world):
    unit = world.unit("旗市场监督管理局")
    assert unit.display_name == "市场监管局"
    assert MemberUnit.objects.matching("市场监督局").get() == unit
