"""The reminder form's checkboxes, written in Python, are Django's CheckboxSelectMultiple to the byte."""

import pytest
from django import forms

from tasks.forms import QuickCheckboxes, RemindForm

CHOICES = [(1, "旗政府办"), (4, 'a<b & "c"'), ("x y", "空格")]


@pytest.mark.parametrize("attrs", [{"id": "id_units"}, None, {"id": "id_units", "class": "k"}, {"id": ""}])
@pytest.mark.parametrize("value", [None, [], ["4"], [1, "x y"]])
def test_quick_checkboxes_render_as_django_does(attrs, value):
    expected = forms.CheckboxSelectMultiple(choices=CHOICES).render("units", value, attrs)
    assert QuickCheckboxes(choices=CHOICES).render("units", value, attrs) == expected


def test_grouped_choices_go_through_the_templates():
    choices = [("局", [(1, "旗政府办"), (2, "旗财政局")]), (3, "镇")]
    expected = forms.CheckboxSelectMultiple(choices=choices).render("units", [2], {"id": "id_units"})
    assert QuickCheckboxes(choices=choices).render("units", [2], {"id": "id_units"}) == expected


def test_the_reminder_form_uses_them():
    assert isinstance(RemindForm.base_fields["units"].widget, QuickCheckboxes)
