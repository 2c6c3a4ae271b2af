"""Forms of the meeting pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import BootstrapMixin, DateInput
from fuyuan.lib.upload_policy import validate_attachment
from fuyuan.units.models import MemberUnit

from .models import MeetingType, Response, WorkingGroup


class MeetingForm(BootstrapMixin, forms.Form):
    type = forms.ModelChoiceField(label=_("Type"), queryset=MeetingType.objects.all())
    group = forms.ModelChoiceField(label=_("Working group"), queryset=WorkingGroup.objects.all(), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    number = forms.IntegerField(label=_("Session number"), min_value=1, required=False)
    starts_at = forms.DateTimeField(label=_("Date and time"),
                                    # datetime-local shows a value only in this exact format.
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                               format="%Y-%m-%dT%H:%M"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    host = forms.CharField(label=_("Chaired by"), max_length=100, required=False)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    units = forms.ModelMultipleChoiceField(label=_("Invited units"), queryset=MemberUnit.objects.filter(active=True),
                                           widget=forms.SelectMultiple(attrs={"size": 12}),
                                           help_text=_("Preselected: the units on the current roster."))


class ResponseForm(BootstrapMixin, forms.Form):
    response = forms.ChoiceField(label=_("Who attends"), choices=[c for c in Response.choices if c[0] != "pending"],
                                 widget=forms.RadioSelect)
    attendee = forms.CharField(label=_("Name"), max_length=50, required=False)
    attendee_title = forms.CharField(label=_("Post"), max_length=100, required=False)
    reason = forms.CharField(label=_("Reason (deputy or absence)"), max_length=500, required=False)

    def clean(self):
        """The service's rules, checked here too so that each error stands beside its field."""
        data = super().clean()
        response = data.get("response")
        if response in (Response.PRINCIPAL, Response.DEPUTY) and not data.get("attendee", "").strip():
            self.add_error("attendee", _("Name the person who will attend."))
        if response in (Response.DEPUTY, Response.ABSENT) and not data.get("reason", "").strip():
            self.add_error("reason", _("The plan asks for the principal: give the reason."))
        return data


class MinutesForm(BootstrapMixin, forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}))
    minutes_file = forms.FileField(label=_("Signed minutes (file)"), required=False, validators=[validate_attachment])


class DecisionForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_units = forms.ModelMultipleChoiceField(label=_("Lead units"), queryset=MemberUnit.objects.filter(active=True),
                                                widget=forms.SelectMultiple(attrs={"size": 6}))
    responsible_units = forms.ModelMultipleChoiceField(
        label=_("Responsible units"), queryset=MemberUnit.objects.filter(active=True), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}))
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput)


class CancelForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class MeetingTypeForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = MeetingType
        fields = ["name", "cadence", "per_period", "basis", "order"]
