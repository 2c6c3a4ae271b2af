"""The office's form for a unit's channels and leader contacts; an account's own mobile with consent."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import BootstrapMixin

from .masking import mask_mobile
from .models import UnitContacts

MOBILE_FIELDS = ("sms_mobile", "leader_in_charge_mobile", "head_mobile")
_MOBILE = re.compile(r"^1\d{10}$")


def clean_mobile(value):
    value = re.sub(r"[\s-]", "", value or "")
    if value and not _MOBILE.match(value):
        raise forms.ValidationError(_("Enter an 11-digit mainland mobile number starting with 1."))
    return value


class UnitContactsForm(BootstrapMixin, forms.ModelForm):
    """Mobile numbers are never put back in the page: blank keeps the stored one, the box clears them."""

    clear_mobiles = forms.BooleanField(label=_("Remove the stored mobile numbers"), required=False)

    class Meta:
        model = UnitContacts
        fields = ["robot_kind", "robot_url", "robot_secret", "sms_mobile", "leader_in_charge_name",
                  "leader_in_charge_mobile", "head_name", "head_mobile"]
        widgets = {"robot_secret": forms.PasswordInput(render_value=False)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in MOBILE_FIELDS:
            stored = getattr(self.instance, name)
            self.initial[name] = ""
            if stored:
                self.fields[name].help_text = _("Stored: %(masked)s (leave blank to keep)") % {
                    "masked": mask_mobile(stored)}
        if self.instance.robot_secret:
            self.fields["robot_secret"].help_text = _("A secret is stored (leave blank to keep).")

    def clean(self):
        data = super().clean()
        for name in MOBILE_FIELDS:
            if name in data:
                data[name] = clean_mobile(data[name])
        url = data.get("robot_url", "")
        if url and not url.startswith(("http://", "https://")):
            self.add_error("robot_url", _("A webhook address starts with http:// or https://."))
        if url and not data.get("robot_kind"):
            self.add_error("robot_kind", _("Say which kind of group robot this address belongs to."))
        return data

    def save(self, commit=True):
        contacts = super().save(commit=False)
        stored = UnitContacts.objects.filter(pk=contacts.pk).first() if contacts.pk else None
        for name in (*MOBILE_FIELDS, "robot_secret"):
            if not self.cleaned_data.get(name) and stored is not None:
                setattr(contacts, name, getattr(stored, name))
        if self.cleaned_data.get("clear_mobiles"):
            for name in MOBILE_FIELDS:
                setattr(contacts, name, "")
        if commit:
            contacts.save()
        return contacts


class AccountMobileForm(BootstrapMixin, forms.Form):
    mobile = forms.CharField(label=_("Mobile number"), max_length=20)
    consent = forms.BooleanField(
        label=_("I agree that the platform keeps this number to send me supervision messages by SMS."),
        required=True)

    def clean_mobile(self):
        value = clean_mobile(self.cleaned_data["mobile"])
        if not value:
            raise forms.ValidationError(_("Enter an 11-digit mainland mobile number starting with 1."))
        return value
