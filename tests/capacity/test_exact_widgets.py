"""The item page's form widgets, written in Python (fuyuan.lib.forms.ExactRender), are Django's template-rendered
ones to the byte."""

import datetime

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django_filters.widgets import BooleanWidget

from fuyuan.lib.attachment_fields import MultipleFileInput
from fuyuan.lib.forms import DateInput, ExactRender, exact
from tasks.forms import QuickCheckboxes

CHOICES = [("", "—"), ("a", "甲"), ("b", '乙 & <丙> "丁"'), ("<&>", gettext_lazy("Approve")), (3, "三")]
ATTRS = {"class": "form-control form-control-sm", "id": "id_x", "required": True, "disabled": False,
         "data-note": '一共 "{n}" <个> & 更多', "maxlength": 2000}


@pytest.mark.parametrize(("widget_class", "kwargs", "values"), [
    (forms.Textarea, {"attrs": {"rows": 4}}, [None, "", "第一行\r\n<b>第二行</b> & \"引号\"",
                                              mark_safe("<i>安全</i>")]),
    (forms.TextInput, {}, [None, "", '纠纷 "引号" <b>&', 0]),
    (forms.NumberInput, {}, [None, 2026, 1.5]),
    (DateInput, {}, [None, datetime.date(2026, 3, 1), "2026-13-45"]),
    (forms.HiddenInput, {}, [None, "x"]),
    (MultipleFileInput, {"attrs": {"accept": "image/*,.pdf"}}, [None, "ignored.pdf"]),
    (forms.Select, {"choices": CHOICES}, [None, "", "b", "<&>", 3]),
    (forms.Select, {"choices": [("组 <一>", [("c", "丙"), ("d", "丁")]), ("e", "戊")]}, [None, "d", "e"]),
    (forms.SelectMultiple, {"choices": CHOICES}, [None, [], ["a", "<&>"]]),
    (BooleanWidget, {}, [None, "", True, False, "true", "bogus"]),  # a render() of its own, then _render
])
def test_same_html_as_djangos_templates(widget_class, kwargs, values):
    assert issubclass(exact(widget_class), ExactRender)
    for value in values:
        for attrs in (ATTRS, None, {"id": "id_y", "autofocus": True}):
            expected = widget_class(**kwargs).render("x", value, attrs=attrs)
            assert exact(widget_class)(**kwargs).render("x", value, attrs=attrs) == expected, (value, attrs)


def test_labels_that_are_not_text_go_through_the_templates():
    choices = [(1, datetime.date(2026, 3, 1)), (2, 2026)]
    expected = forms.Select(choices=choices).render("x", 1)
    assert exact(forms.Select)(choices=choices).render("x", 1) == expected


def test_widgets_that_write_their_own_html_keep_it():
    """QuickCheckboxes writes its HTML and leaves groups to Django's templates, under ExactRender too; a widget with
    its own _render is left alone."""
    for choices in ([(1, "甲"), (2, "乙 <丙>")], [("组", [(1, "甲")]), (2, "乙")]):
        expected = QuickCheckboxes(choices=choices).render("x", [1], {"id": "id_x"})
        assert exact(QuickCheckboxes)(choices=choices).render("x", [1], {"id": "id_x"}) == expected

    class OwnRender(forms.TextInput):
        def _render(self, template_name, context, renderer=None):
            return "own"

    assert exact(OwnRender) is OwnRender
    assert exact(forms.CheckboxSelectMultiple) is not forms.CheckboxSelectMultiple  # through Django's templates
    html = exact(forms.CheckboxSelectMultiple)(choices=[(1, "甲")]).render("x", [1], {"id": "id_x"})
    assert html == forms.CheckboxSelectMultiple(choices=[(1, "甲")]).render("x", [1], {"id": "id_x"})


def test_the_item_pages_forms_use_it(world):
    from tasks.forms import ClosureForm, ExtensionForm, NoteForm, ReasonForm, RemindForm, ReportForm
    from tests.tasks.builders import make_task

    task = make_task(world)
    for form in (ReportForm(periods=[]), ExtensionForm(), ClosureForm(), NoteForm(), ReasonForm(),
                 RemindForm(task=task)):
        for name, field in form.fields.items():
            assert isinstance(field.widget, ExactRender) or isinstance(field.widget, QuickCheckboxes), name
