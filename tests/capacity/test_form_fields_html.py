"""The item page's forms, written by fuyuan.lib.forms.form_fields_html, read as templates/_form_fields.html wrote
them: unbound and bound, with field and form errors, help texts, a checkbox, a label with markup."""

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from fuyuan.lib.forms import BootstrapMixin, ExactWidgets, form_fields_html
from tasks import deadlines
from tasks.forms import ClosureForm, ExtensionForm, NoteForm, ReasonForm, RemindForm, ReportForm, TaskForm


class Odd(ExactWidgets, BootstrapMixin, forms.Form):
    agree = forms.BooleanField(label="同意 <b>&</b>", help_text='帮助 "说明"')
    units = forms.MultipleChoiceField(choices=[("1", "甲"), ("2", "乙")], widget=forms.CheckboxSelectMultiple,
                                      required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    shown_initial = forms.CharField(show_hidden_initial=True, initial="原值", required=False)

    def clean(self):
        raise forms.ValidationError(["整体有误 <x>", "第二条"])


def _forms(world):
    from tests.tasks.builders import make_task

    task = make_task(world)
    periods = [deadlines.period_containing(task.assigned_on, "quarterly")]
    return [ReportForm(periods=periods, owed=periods), ReportForm(), ExtensionForm(), ClosureForm(), NoteForm(),
            ReasonForm(auto_id="cancel_%s"), NoteForm(auto_id="decision_%s"), RemindForm(task=task),
            ReportForm({"text": ""}, periods=periods), ExtensionForm({"new_due_date": "不是日期", "reason": "<理由>"}),
            RemindForm({"message": "", "units": ["x"]}, task=task), TaskForm(), Odd(), Odd({"agree": "on"})]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_same_html_as_the_template(world, language):
    with translation.override(language):
        for form in _forms(world):
            expected = render_to_string("_form_fields.html", {"form": form})
            assert form_fields_html(form) == expected, type(form).__name__
