"""Bootstrap classes on form widgets, so templates stay plain; filter bars render their selects in Python."""

import functools
from html import escape

from django import forms
from django.utils.safestring import SafeData, mark_safe


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


# Django's templates for these widgets, which QuickRender reproduces (tests/lib/test_quick_widgets.py).
QUICK_TEMPLATES = {f"django/forms/widgets/{name}.html" for name in (
    "select", "input", "text", "number", "date", "email", "search", "url", "tel", "hidden", "password")}


def _text(value) -> str:
    return str(value) if isinstance(value, SafeData) else escape(str(value))


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
                   for name, value in attrs.items() if value is not False)


class QuickRender:
    """A widget mixin that writes its HTML in Python: the markup of Django's select and input templates.

    A filter bar's unit and category lists hold dozens of options on every list page, and a bar has a dozen
    fields; through the widget templates (an include and a dozen escaping calls per option) they cost more
    than the page's fifty rows. Only the rendering changes: the context is still the widget's own
    get_context(), so values, ids and selection are Django's.
    """

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if template_name == "django/forms/widgets/select.html":
            parts = []
            for group, options, _index in widget["optgroups"]:
                rendered = "".join(f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                                   f'{_text(option["label"])}</option>' for option in options)
                parts.append(f'<optgroup label="{_text(group)}">{rendered}</optgroup>' if group else rendered)
            return mark_safe(f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>{"".join(parts)}'
                             "</select>")
        value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
        return mark_safe(f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
                         f'{_attrs(widget["attrs"])}>')


@functools.cache
def quick(widget_class):
    """The widget class rendered by QuickRender (the class itself when its templates are not Django's)."""
    if issubclass(widget_class, QuickRender) or widget_class.template_name not in QUICK_TEMPLATES or (
            issubclass(widget_class, forms.Select)
            and widget_class.option_template_name != "django/forms/widgets/select_option.html"):
        return widget_class
    return type(f"Quick{widget_class.__name__}", (QuickRender, widget_class), {})


class FilterForm(BootstrapMixin, forms.Form):
    """The form class every FilterSet uses (Meta.form): its widgets rendered in Python (QuickRender)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.__class__ = quick(type(field.widget))


class FormClassOnce:
    """FilterSet mixin: its form class is built once per FilterSet class, not on every request.

    django-filter builds it per instance (every filter's field constructed, a new class through the forms
    metaclass): ~1 ms of each list page. Our filter bars' fields do not depend on the request, and each form
    instance still deep-copies the class's fields, so one request's changes never reach another's.
    """

    def get_form_class(self):
        cls = type(self)
        if "_form_class_once" not in cls.__dict__:
            cls._form_class_once = super().get_form_class()
        return cls._form_class_once


class DateInput(forms.DateInput):
    input_type = "date"
