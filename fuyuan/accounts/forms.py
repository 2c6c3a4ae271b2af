from django import forms
from django.contrib.auth.forms import AdminPasswordChangeForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import BootstrapMixin
from fuyuan.units.models import MemberUnit

from .roles import Role


class RoleForm(BootstrapMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—")] + list(Role.choices), required=False)
    unit = forms.ModelChoiceField(
        label=_("Member unit"), queryset=MemberUnit.objects.active(), required=False
    )


class OwnPasswordChangeForm(PasswordChangeForm):
    """Changing one's own password clears the forced-change flag."""

    def save(self, commit=True):
        user = super().save(commit=False)
        user.must_change_password = False
        if commit:
            user.save()
        return user


class ResetPasswordForm(AdminPasswordChangeForm):
    """A password set by the system admin must be changed by its owner at the next login."""

    def save(self, commit=True):
        user = super().save(commit=False)
        user.must_change_password = True
        if commit:
            user.save()
        return user
