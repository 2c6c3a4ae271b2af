"""Forms of the suggestion pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.attachment_fields import AttachmentsField
from fuyuan.lib.forms import BootstrapMixin, DateInput
from fuyuan.lib.upload_policy import validate_attachment
from fuyuan.units.models import MemberUnit

from .models import KIND_OF_ISSUER, TYPES_OF_KIND, Adoption, Kind, SuggestionType


class RegisterForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    type = forms.ChoiceField(label=_("Type"), choices=SuggestionType.choices)
    doc_number = forms.CharField(label=_("Document number"), max_length=60,
                                 help_text=_("As printed, e.g. 乌检建〔2024〕3号"))
    addressee = forms.ModelChoiceField(label=_("Addressed to"), queryset=MemberUnit.objects.filter(active=True))
    copy_to = forms.ModelMultipleChoiceField(label=_("Copied to"), queryset=MemberUnit.objects.filter(active=True),
                                             required=False, widget=forms.SelectMultiple(attrs={"size": 4}))
    case_number = forms.CharField(label=_("Case number"), max_length=100, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(label=_("Attachment"), required=False, validators=[validate_attachment])
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput)
    served_on = forms.DateField(label=_("Served on"), widget=DateInput)
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    reply_due_on = forms.DateField(label=_("Reply deadline"), required=False, widget=DateInput,
                                   help_text=_("Leave empty to apply the rule below."))
    reply_due_reason = forms.CharField(label=_("Reason for another deadline"), max_length=300, required=False)

    def __init__(self, *args, issuer_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the kind the issuer's unit issues, and that kind's types (a court never sees 检察建议·再审).
        kind = KIND_OF_ISSUER.get(getattr(issuer_unit, "kind", None))
        if kind is not None:
            self.fields["kind"].choices = [(kind.value, kind.label)]
            self.fields["kind"].initial = kind.value
            self.fields["type"].choices = [(t.value, t.label) for t in TYPES_OF_KIND[kind]]
            self.fields["type"].initial = TYPES_OF_KIND[kind][0].value


class ReplyForm(BootstrapMixin, forms.Form):
    reply_text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 5}))
    measures = forms.CharField(label=_("Measures taken"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    rectification = forms.CharField(label=_("Rectification"), widget=forms.Textarea(attrs={"rows": 2}),
                                    required=False)
    attachments = AttachmentsField(label=_("Attachments"),
                                   help_text=_("Photos and documents; several can be chosen at once."))


class EvaluateForm(BootstrapMixin, forms.Form):
    adoption = forms.ChoiceField(label=_("Adoption"), choices=Adoption.choices, widget=forms.RadioSelect)
    rectified = forms.TypedChoiceField(label=_("Rectified"), choices=[("1", _("Yes")), ("0", _("No"))],
                                       coerce=lambda v: v == "1", widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReturnForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("What more is needed"), widget=forms.Textarea(attrs={"rows": 2}))
    reply_due_on = forms.DateField(label=_("New reply deadline"), widget=DateInput)


class DeadlineForm(BootstrapMixin, forms.Form):
    reply_due_on = forms.DateField(label=_("Reply deadline"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), max_length=300)
