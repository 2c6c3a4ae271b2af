from django import forms
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import BootstrapMixin

from .models import MemberUnit, RosterPosition, UnitGroup


class AliasesField(forms.CharField):
    """Aliases typed as one line separated by 、 or commas."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return "、".join(value)
        return value

    def to_python(self, value):
        value = super().to_python(value) or ""
        for sep in ("，", ",", "；", ";", " "):
            value = value.replace(sep, "、")
        return [part.strip() for part in value.split("、") if part.strip()]


class UnitForm(BootstrapMixin, forms.ModelForm):
    aliases = AliasesField(label=_("Aliases"), required=False, help_text=_("Separate names with 、"))

    class Meta:
        model = MemberUnit
        fields = ["name", "short_name", "aliases", "kind", "order"]


class GroupForm(BootstrapMixin, forms.ModelForm):
    aliases = AliasesField(label=_("Aliases"), required=False, help_text=_("Separate names with 、"))
    units = forms.ModelMultipleChoiceField(
        label=_("Units"), queryset=MemberUnit.objects.active(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = UnitGroup
        fields = ["name", "aliases", "units", "order"]


class RosterForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = RosterPosition
        fields = ["position", "person_name", "title", "unit", "phone", "started_on", "note"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = MemberUnit.objects.active()
