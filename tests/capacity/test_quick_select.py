"""The filter bars' widgets, rendered in Python (fuyuan.lib.forms.QuickRender), read exactly as Django's
template-rendered ones."""

import datetime
import re

import pytest
from django import forms

from fuyuan.lib.forms import DateInput, QuickRender, quick


def normalise(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("value", [None, "", "b", "<&>"])
def test_same_html_as_djangos_select(value):
    choices = [("", "全部"), ("a", "甲"), ("b", "乙 & <丙>"), ("<&>", "特殊"), ("组", [("c", "丁"), ("d", "戊")])]
    attrs = {"class": "form-select form-select-sm", "id": "id_unit", "required": True, "disabled": False}
    expected = forms.Select(choices=choices).render("unit", value, attrs=attrs)
    assert normalise(quick(forms.Select)(choices=choices).render("unit", value, attrs=attrs)) == normalise(expected)


@pytest.mark.parametrize("widget_class, value", [
    (forms.TextInput, None), (forms.TextInput, '纠纷 "引号" <b>&'), (forms.NumberInput, 2026),
    (DateInput, datetime.date(2026, 3, 1)), (DateInput, "2026-13-45"), (forms.HiddenInput, "x"),
    (forms.SelectMultiple, ["a", "c"]),
])
def test_same_html_as_djangos_inputs(widget_class, value):
    attrs = {"class": "form-control form-control-sm", "id": "id_q", "placeholder": "号 \"x\"", "autofocus": True,
             "disabled": False}
    kwargs = {"choices": [("a", "甲"), ("b", "乙"), ("c", "<丙>")]} if issubclass(widget_class, forms.Select) else {}
    expected = widget_class(**kwargs).render("q", value, attrs=attrs)
    assert normalise(quick(widget_class)(**kwargs).render("q", value, attrs=attrs)) == normalise(expected)


def _filtersets():
    from cases.filters import CaseFilter, HearingFilter
    from fuyuan.audit.filters import AuditFilter
    from tasks.filters import LedgerFilter

    return [LedgerFilter, CaseFilter, HearingFilter, AuditFilter]


@pytest.mark.parametrize("data", [{}, {"q": "纠纷 <x>", "light": "overdue", "missing": "true", "status": "open",
                                      "year": "2026", "due_after": "2026-01-01", "due_before": "bad", "sort": "-due"}])
def test_every_filter_bar_reads_as_with_djangos_templates(world, data):
    """Each field of every filter bar, bound as a request would bind it, against the same field unswapped."""
    for filterset_class in _filtersets():
        form = filterset_class(data, queryset=filterset_class._meta.model.objects.all()).form
        for bound in form:
            widget = bound.field.widget
            assert isinstance(widget, QuickRender) or quick(type(widget)) is type(widget), bound.name
            quick_html = str(bound)
            widget.__class__ = next(cls for cls in type(widget).__mro__
                                    if issubclass(cls, forms.Widget) and not issubclass(cls, QuickRender))
            assert normalise(quick_html) == normalise(str(bound)), (filterset_class.__name__, bound.name)


def test_the_ledger_filter_uses_it(world):
    from tasks.filters import LedgerFilter
    from tasks.models import Task

    form = LedgerFilter({}, queryset=Task.objects.all()).form
    for name in ("unit", "light", "missing", "q", "year", "due_after"):
        assert isinstance(form.fields[name].widget, QuickRender), name


def test_the_ledger_filters_lists_are_their_querysets_rows(world):
    """The plan, category and unit lists, read by SQL compiled once per process, are the querysets' own rows in
    their order, and follow the data (a unit added later appears; a deactivated one goes)."""
    from fuyuan.units.models import MemberUnit
    from tasks.filters import OPTION_LISTS, LedgerFilter
    from tasks.models import Task

    def offered(name):
        return [pk for pk, _label in LedgerFilter({}, queryset=Task.objects.all()).form.fields[name].widget.choices][1:]

    for name, _model, _columns, _order in OPTION_LISTS:
        assert offered(name) == list(LedgerFilter.base_filters[name].queryset.values_list("pk", flat=True))
    added = MemberUnit.objects.create(name="旗新设单位", kind="department", order=999)
    assert offered("unit")[-1] == added.pk
    MemberUnit.objects.filter(pk=added.pk).update(active=False)
    assert added.pk not in offered("unit")
