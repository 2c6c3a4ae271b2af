"""Bootstrap classes on form widgets, so templates stay plain; filter bars render their selects in Python."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")


class QuickSelect(forms.Select):
    """A select rendered in Python: the same HTML as Django's, without a template render per option.

    A filter bar's unit and category lists hold dozens of options on every list page; through the
    widget templates they cost more than the page's fifty rows.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group, options, _index in widget["optgroups"]:
            rendered = format_html_join("", "<option value=\"{}\"{}>{}</option>", (
                (option["value"], flatatt(option["attrs"]), option["label"]) for option in options))
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', group, rendered) if group else rendered)
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]),
                           mark_safe("".join(parts)))


class FilterForm(BootstrapMixin, forms.Form):
    """The form class every FilterSet uses (Meta.form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget.__class__ = QuickSelect


class DateInput(forms.DateInput):
    input_type = "date"
