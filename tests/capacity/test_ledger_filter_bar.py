"""The ledger's filter bar written once per (language, option lists, request's values) and its queryset built once
per day (tasks.filters.LedgerFilter.fields_html, tasks.selectors._ledger): what a user sees is what the form and
the ORM give on every request, and a change to the data shows on the next page."""

import re

from django.template import engines
from django.test import RequestFactory
from django.utils import timezone, translation

from fuyuan.units.models import MemberUnit
from tasks import filters
from tasks.filters import LedgerFilter
from tasks.models import Plan
from tasks.selectors import ledger_tasks
from tests.tasks.builders import make_task

# What templates/tasks/ledger.html wrote for the fields before they were written in Python.
TEMPLATE_LOOP = ('{% for field in filter.form %}{% if field.name != "sort" %}\n'
                 '  <div class="col-auto"><label class="form-label small mb-0" for="{{ field.id_for_label }}">'
                 "{{ field.label }}</label>{{ field }}</div>\n"
                 "  {% endif %}{% endfor %}")


def _filter(world, data=None):
    office = world.user("office")
    request = RequestFactory().get("/tasks/", data or {})
    request.user = office
    return LedgerFilter(request.GET or None, queryset=ledger_tasks(office, timezone.localdate()), request=request)


def _through_template(world, data=None):
    return engines["django"].from_string(TEMPLATE_LOOP).render({"filter": _filter(world, data)})


CASES = [None, {"sort": "-due"}, {"page": "2"}, {"light": "overdue", "missing": "true"},
         {"q": '"<法院>" & 检察', "status": "open", "year": "2025"}, {"unit": "999999", "year": "abc"},
         {"light": "bogus", "due_after": "2026-13-40"}]


def test_the_fields_are_the_forms_own_markup_for_every_kind_of_request(world):
    """Unfiltered, sorted, paged, filtered, text to escape, values in error (aria-invalid): each as the template
    loop over the form wrote it, and again from the stored copy."""
    filters._FIELDS_HTML.clear()
    unit = world.unit("旗财政局")
    for data in [*CASES, {"unit": str(unit.pk), "part": "lead"}]:
        expected = _through_template(world, data)
        assert _filter(world, data).fields_html() == expected, data
        assert _filter(world, data).fields_html() == expected, data  # from the stored copy
    assert 'aria-invalid="true"' in _filter(world, {"unit": "999999"}).fields_html()
    assert f'<option value="{unit.pk}" selected>' in _filter(world, {"unit": str(unit.pk)}).fields_html()


def test_an_unfiltered_ledger_does_not_build_its_form(world):
    filters._FIELDS_HTML.clear()
    _filter(world).fields_html()  # the first request writes it through the form
    again = _filter(world)
    html = again.fields_html()
    assert "_form" not in again.__dict__
    assert html == _through_template(world)


def test_a_new_plan_or_a_renamed_unit_shows_on_the_next_request(world):
    before = _filter(world).fields_html()
    Plan.objects.create(title="二〇二七年府院联动工作要点")
    unit = world.unit("旗财政局")
    MemberUnit.objects.filter(pk=unit.pk).update(name="旗财政局（更名）")
    after = _filter(world).fields_html()
    assert after != before
    assert "二〇二七年府院联动工作要点" in after and "旗财政局（更名）" in after
    assert after == _through_template(world)
    MemberUnit.objects.filter(pk=unit.pk).update(active=False)
    units = re.search(r'<select name="unit".*?</select>', _filter(world).fields_html(), re.S)[0]
    assert "旗财政局（更名）" not in units and f'<option value="{unit.pk}"' not in units


def test_each_language_gets_its_own_words(world):
    with translation.override("zh-hans"):
        chinese = _filter(world).fields_html()
    with translation.override("en"):
        english = _filter(world).fields_html()
        assert english == _through_template(world)
    assert ">全部</option>" in chinese and ">All</option>" in english


def test_the_ledger_page_marks_all_active_only_without_a_light_or_missing_filter(role_client, world):
    from fuyuan.accounts.roles import Role

    client = role_client(Role.OFFICE)

    def all_button(query):
        html = client.get(f"/tasks/{query}").content.decode()
        return re.search(r'<a class="btn btn-sm btn-light border( active)?" href="\?[^"]*">全部', html).group(1)

    assert all_button("") == " active"
    assert all_button("?sort=-due") == " active"
    assert all_button("?missing=false") == " active"
    assert all_button("?light=overdue") is None
    assert all_button("?light=bogus") == " active"  # an invalid value filters nothing
    assert all_button("?missing=true") is None


def test_ledger_querysets_are_each_callers_own(world):
    """The annotated queryset is built once a day and cloned: one caller's filter or evaluation reaches no other,
    each user is scoped, and an item made after a page was read is on the next."""
    office, liaison = world.user("office"), world.user("gaj")
    ours = make_task(world, "公安局牵头的事项", lead="旗公安局")
    theirs = make_task(world, "财政局牵头的事项", lead="旗财政局")
    today = timezone.localdate()
    first = ledger_tasks(office, today)
    narrowed = first.filter(title="不存在的事项")
    assert list(narrowed) == []
    every = set(ledger_tasks(office, today).values_list("pk", flat=True))
    assert every == {ours.pk, theirs.pk} and len(list(first)) == 2  # the narrowing stayed on its own clone
    task = make_task(world, "新交办的事项", lead="旗财政局")
    assert task.pk in set(ledger_tasks(office, today).values_list("pk", flat=True)) - every
    mine = set(ledger_tasks(liaison, today).values_list("pk", flat=True))
    assert mine == {ours.pk}


def test_ledger_lights_follow_a_changed_setting(world, settings):
    """The built queryset is keyed by the settings it reads: a change of DUE_SOON_DAYS moves the lights at once."""
    office = world.user("office")
    task = make_task(world, "十天后到期", due_in=10)
    today = timezone.localdate()
    settings.DUE_SOON_DAYS = 3
    assert ledger_tasks(office, today).get(pk=task.pk).light == "on_track"
    settings.DUE_SOON_DAYS = 15
    assert ledger_tasks(office, today).get(pk=task.pk).light == "due_soon"


def test_the_three_option_lists_are_one_statement_in_their_querysets_order(world, django_assert_num_queries):
    """Plans by issue date (newest first), categories by their plan's then their own order, active units by order:
    read in one statement, each list exactly its filter's queryset's rows in its order (a changed model ordering
    fails here)."""
    import datetime

    from tasks.filters import OPTION_LISTS
    from tasks.models import Category

    older = Plan.objects.create(title="旧方案", issued_on=datetime.date(2023, 3, 1))
    newer = Plan.objects.create(title="新方案", issued_on=datetime.date(2026, 3, 1))
    for plan in (older, newer):
        for order in (2, 1):
            Category.objects.create(plan=plan, number=str(order), title=f"{plan.title}类别{order}", order=order)
    MemberUnit.objects.create(name="旗新设单位", kind="department", order=0)
    ledger_filter = _filter(world)
    with django_assert_num_queries(1):
        lists = ledger_filter.option_rows()
    for (name, _model, columns, _order), rows in zip(OPTION_LISTS, lists, strict=True):
        assert list(rows) == list(LedgerFilter.base_filters[name].queryset.values_list("pk", *columns)), name
    assert [title for _pk, title in lists[0]][:2] == ["新方案", "旧方案"]
