"""Forms of the supervision pages; they validate input, the services decide what may happen."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import BootstrapMixin, DateInput
from fuyuan.lib.upload_policy import validate_attachment
from fuyuan.units.models import MemberUnit

from .models import Category, Cycle, DeadlineKind

MAX_UPLOAD_MB = 20


def _check_size(upload):
    if upload and upload.size > MAX_UPLOAD_MB * 1024 * 1024:
        raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_MB})
    return upload


class TaskForm(BootstrapMixin, forms.Form):
    """An ad hoc item the office creates (plan items come from a plan import)."""

    number = forms.CharField(label=_("Number"), max_length=30, required=False)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.select_related("plan"),
                                      required=False)
    title = forms.CharField(label=_("Item"), max_length=300)
    body = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    lead_units = forms.ModelMultipleChoiceField(label=_("Lead units"), queryset=MemberUnit.objects.filter(active=True),
                                                widget=forms.SelectMultiple(attrs={"size": 8}))
    responsible_units = forms.ModelMultipleChoiceField(
        label=_("Responsible units"), queryset=MemberUnit.objects.filter(active=True), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}))
    deadline_kind = forms.ChoiceField(label=_("Deadline kind"), choices=DeadlineKind.choices,
                                      initial=DeadlineKind.DATE)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput)
    cycle = forms.ChoiceField(label=_("Reporting cycle"), choices=[("", "—"), *Cycle.choices], required=False)
    deadline_text = forms.CharField(label=_("Deadline as printed"), max_length=100, required=False)
    assign_now = forms.BooleanField(label=_("Assign to the units now"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        kind = data.get("deadline_kind")
        if kind == DeadlineKind.DATE and not data.get("due_date"):
            self.add_error("due_date", _("An item with a date deadline needs the date."))
        if kind in (DeadlineKind.LONG_TERM, DeadlineKind.PERIODIC) and not data.get("cycle"):
            self.add_error("cycle", _("Long-term and periodic items need a reporting cycle."))
        return data


class MessageForm(BootstrapMixin, forms.Form):
    message = forms.CharField(label=_("Message"), max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class RemindForm(MessageForm):
    units = forms.ModelMultipleChoiceField(label=_("Units"), queryset=MemberUnit.objects.none(),
                                           widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = MemberUnit.objects.filter(assignments__task=task).order_by(
            "assignments__role", "assignments__order")


class BulkRemindForm(MessageForm):
    tasks = forms.CharField(widget=forms.MultipleHiddenInput, required=False)


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Note"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(BootstrapMixin, forms.Form):
    period_key = forms.ChoiceField(label=_("Reporting period"), required=False)
    text = forms.CharField(label=_("Progress"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(label=_("Attachment"), required=False, validators=[validate_attachment])

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        if periods:
            self.fields["period_key"].choices = [(p.key, p.label) for p in periods]
            self.fields["period_key"].required = True
        else:
            del self.fields["period_key"]

    def clean_attachment(self):
        return _check_size(self.cleaned_data.get("attachment"))


class ExtensionForm(BootstrapMixin, forms.Form):
    new_due_date = forms.DateField(label=_("New deadline"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ClosureForm(BootstrapMixin, forms.Form):
    summary = forms.CharField(label=_("Completion summary"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("Evidence"), required=False, validators=[validate_attachment])

    def clean_evidence(self):
        return _check_size(self.cleaned_data.get("evidence"))


class DecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))],
                                 widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
