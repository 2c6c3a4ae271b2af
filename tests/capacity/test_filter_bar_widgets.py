"""The filter bars' widgets, written in Python (fuyuan.lib.forms.ExactRender), are Django's template-rendered ones
to the byte (the widgets themselves: tests/capacity/test_exact_widgets.py)."""

import pytest
from django import forms

from fuyuan.lib.forms import ExactRender, exact


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
            assert isinstance(widget, ExactRender) or exact(type(widget)) is type(widget), bound.name
            exact_html = str(bound)
            widget.__class__ = next(cls for cls in type(widget).__mro__
                                    if issubclass(cls, forms.Widget) and not issubclass(cls, ExactRender))
            assert exact_html == str(bound), (filterset_class.__name__, bound.name)


def test_the_ledger_filter_uses_it(world):
    from tasks.filters import LedgerFilter
    from tasks.models import Task

    form = LedgerFilter({}, queryset=Task.objects.all()).form
    for name in ("unit", "light", "missing", "q", "year", "due_after"):
        assert isinstance(form.fields[name].widget, ExactRender), name


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
