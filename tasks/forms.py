"""Forms of the supervision pages; they validate input, the services decide what may happen."""

from django import forms
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.attachment_fields import AttachmentsField
from fuyuan.lib.forms import BootstrapMixin, DateInput, ExactWidgets
from fuyuan.units.models import MemberUnit

from .models import Category, Cycle, DeadlineKind


class TaskForm(BootstrapMixin, forms.Form):
    """An ad hoc item the office creates (plan items come from a plan import)."""

    number = forms.CharField(label=_("Number"), max_length=60, required=False,
                             help_text=_("Leave empty to number it in the ad hoc series 临-1, 临-2…"))
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


# The item page's action forms: their widgets written by ExactRender (Django's markup, without a template per
# widget; a liaison's page has three of these forms).
class MessageForm(ExactWidgets, BootstrapMixin, forms.Form):
    message = forms.CharField(label=_("Message"), max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))


def _attrs(attrs):
    # As django/forms/widgets/attrs.html writes them: in order, True as a bare name, False left out.
    return mark_safe("".join(
        format_html(' {}="{}"', name, value) if value is not True else format_html(" {}", name)
        for name, value in attrs.items() if value is not False))


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes written in Python: the same HTML as Django's templates, without four includes per option.

    The reminder form ticks among an item's units; through the widget templates an item of 40 units cost a third
    of the office's page. Groups and attributes beyond the id go through the templates (tested to be equal).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if set(widget["attrs"]) - {"id"} or any(group for group, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        row = '<div>\n    <label{}><input type="checkbox" name="{}"{}{}>\n {}</label>\n\n</div>'
        options = format_html_join("", row, (
            (format_html(' for="{}"', option["attrs"]["id"]) if option["attrs"].get("id") else "", option["name"],
             format_html(' value="{}"', option["value"]) if option["value"] is not None else "",
             _attrs(option["attrs"]), option["label"])
            for _group, options, _index in widget["optgroups"] for option in options))
        opening = format_html(' id="{}"', widget["attrs"]["id"]) if widget["attrs"].get("id") else ""
        return format_html("<div{}>{}\n</div>", opening, options)  # the renderer strips the template's output


class RemindForm(MessageForm):
    units = forms.ModelMultipleChoiceField(label=_("Units"), queryset=MemberUnit.objects.none(),
                                           widget=QuickCheckboxes, required=False)

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = MemberUnit.objects.filter(assignments__task=task).order_by(
            "assignments__role", "assignments__order")


class BulkRemindForm(MessageForm):
    tasks = forms.CharField(widget=forms.MultipleHiddenInput, required=False)


class ReasonForm(ExactWidgets, BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(ExactWidgets, BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Note"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(ExactWidgets, BootstrapMixin, forms.Form):
    period_key = forms.ChoiceField(label=_("Reporting period"), required=False)
    text = forms.CharField(label=_("Progress"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    attachments = AttachmentsField(label=_("Attachments"),
                                   help_text=_("Photos and documents; several can be chosen at once."))

    def __init__(self, *args, periods=(), owed=(), **kwargs):
        """`owed`: the periods the unit is 缺报 for, oldest first: listed first, marked, the oldest chosen."""
        super().__init__(*args, **kwargs)
        if periods:
            owed_keys = {p.key for p in owed}
            ordered = [*owed, *(p for p in periods if p.key not in owed_keys)]
            self.fields["period_key"].choices = [
                (p.key, _("%(period)s (report missing)") % {"period": p.label} if p.key in owed_keys else p.label)
                for p in ordered]
            self.fields["period_key"].required = True
            self.fields["period_key"].initial = ordered[0].key
        else:
            del self.fields["period_key"]


class ExtensionForm(ExactWidgets, BootstrapMixin, forms.Form):
    new_due_date = forms.DateField(label=_("New deadline"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ClosureForm(ExactWidgets, BootstrapMixin, forms.Form):
    summary = forms.CharField(label=_("Completion summary"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}))
    attachments = AttachmentsField(label=_("Evidence"),
                                   help_text=_("Photos and documents; several can be chosen at once."))


class DecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))],
                                 widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class TaskEditForm(BootstrapMixin, forms.Form):
    """The office's edit of an item: title, category, units, and a date deadline with the reason for moving it."""

    title = forms.CharField(label=_("Item"), max_length=300)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.select_related("plan"),
                                      required=False)
    lead_units = forms.ModelMultipleChoiceField(label=_("Lead units"), queryset=MemberUnit.objects.none(),
                                                widget=forms.SelectMultiple(attrs={"size": 8}))
    responsible_units = forms.ModelMultipleChoiceField(
        label=_("Responsible units"), queryset=MemberUnit.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}))
    removal_reason = forms.CharField(label=_("Reason for removing units"), max_length=500, required=False,
                                     help_text=_("A unit removed keeps its reports and timeline on the item."))
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput)
    deadline_reason = forms.CharField(
        label=_("Reason for changing the deadline"), max_length=500, required=False,
        help_text=_("Needed when the office moves the deadline (a unit's own request is an extension)."))

    def __init__(self, *args, task, **kwargs):
        self.task = task
        assignments = list(task.assignments.all())
        kwargs.setdefault("initial", {
            "title": task.title, "category": task.category_id, "due_date": task.due_date,
            "lead_units": [a.unit_id for a in assignments if a.role == "lead"],
            "responsible_units": [a.unit_id for a in assignments if a.role == "responsible"],
        })
        super().__init__(*args, **kwargs)
        units = MemberUnit.objects.filter(models.Q(active=True) | models.Q(assignments__task=task)).distinct()
        self.fields["lead_units"].queryset = units
        self.fields["responsible_units"].queryset = units
        if task.deadline_kind != DeadlineKind.DATE:
            self.fields["due_date"].help_text = _("%(deadline)s now; a date makes the item due on it.") % {
                "deadline": task.deadline_display}

    def clean(self):
        data = super().clean()
        due_date, is_date = data.get("due_date"), self.task.deadline_kind == DeadlineKind.DATE
        if is_date and not due_date and "due_date" not in self.errors:
            self.add_error("due_date", _("An item with a date deadline needs the date."))
        elif due_date and (not is_date or due_date != self.task.due_date) \
                and not data.get("deadline_reason", "").strip():
            self.add_error("deadline_reason", _("Give the reason for changing the deadline."))
        both = set(data.get("lead_units") or []) & set(data.get("responsible_units") or [])
        if both:
            self.add_error("responsible_units", _("A unit is either lead or responsible, not both: %(names)s")
                           % {"names": "、".join(unit.name for unit in both)})
        return data
