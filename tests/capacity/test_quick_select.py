"""The filter bars' selects, rendered in Python, read exactly as Django's template-rendered ones."""

import re

import pytest
from django import forms

from fuyuan.lib.forms import QuickSelect


def normalise(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize("value", [None, "", "b", "<&>"])
def test_same_html_as_djangos_select(value):
    choices = [("", "全部"), ("a", "甲"), ("b", "乙 & <丙>"), ("<&>", "特殊"), ("组", [("c", "丁"), ("d", "戊")])]
    attrs = {"class": "form-select form-select-sm", "id": "id_unit", "required": True, "disabled": False}
    expected = forms.Select(choices=choices).render("unit", value, attrs=attrs)
    assert normalise(QuickSelect(choices=choices).render("unit", value, attrs=attrs)) == normalise(expected)


def test_the_ledger_filter_uses_it(world):
    from tasks.filters import LedgerFilter
    from tasks.models import Task

    form = LedgerFilter({}, queryset=Task.objects.all()).form
    assert isinstance(form.fields["unit"].widget, QuickSelect)
    assert isinstance(form.fields["light"].widget, QuickSelect)
