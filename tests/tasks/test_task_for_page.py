"""The item page reads its item by a query compiled once per kind of user: every account sees exactly the items
Task.objects.visible_to lets it see, and the item as the ORM reads it."""

import pytest
from django.http import Http404

from fuyuan.accounts.models import User
from tasks.models import Category, Plan, Task
from tasks.selectors import _StandInUser, task_for_page
from tests.tasks.factories import bring_to, make_task

ACCOUNTS = ("office", "leader", "court", "procuratorate", "gaj", "czj", "sysadmin", "secadmin", "auditor")


@pytest.fixture
def items(world):
    plan = Plan.objects.create(title="实施方案")
    category = Category.objects.create(plan=plan, number="一", title="工作机制")
    return [make_task(world, "草稿", assign=False), make_task(world, "公安局的", responsible=()),
            make_task(world, "法院的", lead="旗人民法院", responsible=("旗财政局",)),
            make_task(world, "分类的", plan=plan, category=category),
            bring_to(world, "closed"), bring_to(world, "cancelled")]


def _accounts(world):
    users = [world.user(name) for name in ACCOUNTS]
    inactive = User.objects.create(username="former", role="liaison", unit=world.unit("旗公安局"), is_active=False)
    no_unit = User.objects.create(username="nounit", role="liaison", unit=None)
    return [*users, inactive, no_unit]


def test_every_account_sees_what_visible_to_lets_it_see(world, items):
    for user in _accounts(world):
        for task in items:
            visible = Task.objects.visible_to(user).filter(pk=task.pk).exists()
            try:
                page = task_for_page(user, task.pk, assignments=False)
            except Http404:
                page = None
            assert (page is not None) == visible, (user.username, task.title)
            if page is not None:
                expected = task_for_page(user, task.pk, assignments=True)  # the ORM's read of the same row
                fields = [field.attname for field in Task._meta.concrete_fields]
                assert [getattr(page, name) for name in fields] == [getattr(expected, name) for name in fields]
                assert all(getattr(page, name) is not None for name in ("created_at", "updated_at"))
                assert (page.plan_title, page.category_label, page.light, page.missing_report) == (
                    expected.plan_title, expected.category_label, expected.light, expected.missing_report)
                assert page._state.adding is False and page._state.db == expected._state.db
    assert task_for_page(world.user("office"), items[3].pk, assignments=False).category_label == "一、工作机制"
    with pytest.raises(Http404):
        task_for_page(world.user("office"), 987654, assignments=False)


def test_the_stand_in_user_offers_visible_to_nothing_else():
    user = _StandInUser((True, True, "liaison", True), 5)
    assert user.unit_id == 5
    with pytest.raises(AttributeError):
        user.pk  # noqa: B018
