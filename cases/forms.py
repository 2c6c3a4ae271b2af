"""Forms of the case pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import BootstrapMixin, DateInput
from fuyuan.units.models import MemberUnit
from suggestions.models import Suggestion

from .models import Attendance, Instance, Outcome, PlaintiffType, PreLitigation, Proceeding


class CaseForm(BootstrapMixin, forms.Form):
    proceeding = forms.ChoiceField(label=_("Proceeding"), choices=Proceeding.choices)
    number = forms.CharField(label=_("Case number"), max_length=60, help_text=_("e.g. （2026）蒙0626行初21号"))
    court = forms.CharField(label=_("Court or review body"), max_length=100, required=False)
    instance = forms.ChoiceField(label=_("Instance"), choices=[("", "—"), *Instance.choices], required=False)
    cause = forms.CharField(label=_("Cause of action"), max_length=100)
    plaintiff_type = forms.ChoiceField(label=_("Plaintiff"), choices=PlaintiffType.choices)
    defendant = forms.ModelChoiceField(label=_("Defendant unit"), queryset=MemberUnit.objects.filter(active=True),
                                       required=False)
    defendant_name = forms.CharField(label=_("Defendant (not a member unit)"), max_length=100, required=False)
    applied_on = forms.DateField(label=_("Applied on"), required=False, widget=DateInput)
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput)
    hearings = forms.CharField(label=_("Hearing dates"), required=False,
                               help_text=_("One or more dates, YYYY-MM-DD, separated by commas."))
    closed_on = forms.DateField(label=_("Concluded on"), required=False, widget=DateInput)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices], required=False)
    coordinated = forms.BooleanField(label=_("Withdrawn after coordination"), required=False)
    pre_litigation = forms.ChoiceField(label=_("Pre-litigation resolution"), choices=PreLitigation.choices,
                                       required=False)
    suggestion = forms.ModelChoiceField(label=_("Judicial suggestion"), required=False,
                                        queryset=Suggestion.objects.filter(kind="judicial"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_hearings(self):
        import datetime

        days = []
        for part in self.cleaned_data["hearings"].replace("，", ",").replace("、", ",").split(","):
            if part.strip():
                try:
                    days.append(datetime.date.fromisoformat(part.strip()))
                except ValueError:
                    raise forms.ValidationError(_("Write each date as YYYY-MM-DD.")) from None
        return days


class HearingForm(BootstrapMixin, forms.Form):
    held_on = forms.DateField(label=_("Hearing date"), widget=DateInput)


class AttendanceForm(BootstrapMixin, forms.Form):
    attendance = forms.ChoiceField(label=_("Head in court"), choices=[c for c in Attendance.choices if c[0]])
    head_name = forms.CharField(label=_("Name"), max_length=50, required=False)
    head_post = forms.CharField(label=_("Post"), max_length=100, required=False)
    spoke = forms.BooleanField(label=_("Spoke in court"), required=False)
