"""A unit no active account acts for would show 「未签收」 for ever: the review page, the task page, the office's
queue and the units page say so."""

import re

from django.urls import reverse

from .factories import make_task
from .test_plan_import_once import JIAOZUO, URL, WUSHEN


def _warning(html, testid):
    match = re.search(rf'data-testid="{testid}"(.*?)</div>', html, re.S)
    assert match, testid
    return match.group(1)


def test_the_review_page_warns_of_units_without_a_liaison(world):
    client = world.client("office")
    warning = _warning(client.post(URL, {"source": WUSHEN}).content.decode(), "no-liaison-warning")
    assert "没有在岗联络员" in warning and "旗政府办" in warning and "旗公安局" not in warning
    created = _warning(client.post(URL, {"source": JIAOZUO}).content.decode(), "no-liaison-warning")
    assert "新建的单位同样没有联络员" in created


def test_the_task_page_and_the_office_queue_name_the_unit_that_cannot_sign(world):
    task = make_task(world, responsible=("旗财政局", "旗政府办"))
    office = world.client("office")
    warning = _warning(office.get(reverse("tasks:detail", args=[task.pk])).content.decode(), "task-no-liaison")
    assert "旗政府办" in warning and "旗公安局" not in warning and "旗财政局" not in warning
    queue = _warning(office.get(reverse("tasks:queue")).content.decode(), "queue-no-liaison")
    assert "旗政府办：1项未签收" in queue and "旗财政局" not in queue


def test_the_units_page_lists_units_without_an_active_liaison(world):
    office = world.client("office")
    listed = _warning(office.get(reverse("units:list")).content.decode(), "units-without-liaison")
    assert "旗政府办" in listed and "旗公安局" not in listed
    gaj = world.user("gaj")
    gaj.is_active = False
    gaj.save()
    listed = _warning(office.get(reverse("units:list")).content.decode(), "units-without-liaison")
    assert "旗公安局" in listed
