"""Bootstrap classes on form widgets, so templates stay plain; widgets written in Python as Django's templates
write them (ExactRender), for the filter bars and the item page's forms."""

import functools
from html import escape

from django import forms
from django.utils.functional import Promise
from django.utils.html import conditional_escape
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


def _text(value) -> str:
    return str(value) if isinstance(value, SafeData) else escape(str(value))


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
                   for name, value in attrs.items() if value is not False)


# Django's widget templates that only include input.html, and the two others ExactRender writes.
_INPUT_TEMPLATES = {f"django/forms/widgets/{name}.html" for name in (
    "input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time", "file", "search",
    "tel", "color")}
_TEXTAREA, _SELECT = "django/forms/widgets/textarea.html", "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"
_LABELS = (str, Promise)  # option labels written here; another kind (a date, a number) the template formats


class ExactRender:
    """A widget mixin that writes what Django's input, textarea and select templates write, to the byte.

    A filter bar's unit and category lists hold dozens of options on every list page, and a bar has a dozen
    fields; through the widget templates (an include and a dozen escaping calls per option) they cost more than
    the page's fifty rows, and the item page renders up to four forms. Only the rendering changes: the context is
    still the widget's own get_context(), so values, ids and selection are Django's; anything else (another
    template, an option label that is not text) goes through Django's templates.
    """

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if template_name in _INPUT_TEMPLATES:
            value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
            return mark_safe(f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
                             f'{_attrs(widget["attrs"])}>')
        if template_name == _TEXTAREA:
            value = _text(widget["value"]) if widget["value"] else ""
            return mark_safe(f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>')
        if template_name == _SELECT:
            parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
            for group, options, _index in widget["optgroups"]:
                if group:
                    parts.append(f'\n  <optgroup label="{_text(group)}">')
                for option in options:
                    if option["template_name"] != _OPTION or not isinstance(option["label"], _LABELS):
                        return super()._render(template_name, context, renderer)
                    parts.append(f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                                 f'{_text(option["label"])}</option>\n')
                if group:
                    parts.append("\n  </optgroup>")
            parts.append("\n</select>")
            return mark_safe("".join(parts))
        return super()._render(template_name, context, renderer)


@functools.cache
def exact(widget_class):
    """The widget class rendered by ExactRender (the class itself when it has a _render of its own).

    A widget whose render() adjusts the value first (django-filter's BooleanWidget) still reaches _render; one that
    writes its own HTML (tasks.forms.QuickCheckboxes) keeps it, and what it leaves to templates ExactRender leaves
    to them too.
    """
    if issubclass(widget_class, ExactRender) or widget_class._render is not forms.Widget._render:
        return widget_class
    return type(f"Exact{widget_class.__name__}", (ExactRender, widget_class), {})


class ExactWidgets:
    """Form mixin: every widget written by ExactRender (the same markup as Django's templates)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.__class__ = exact(type(field.widget))


def form_fields_html(form) -> str:
    """What templates/_form_fields.html writes for `form`, to the byte: its non-field errors, then each field's
    label, widget, help text and errors. The item page renders up to three forms for a unit and four for the
    office; through the template's loop each field cost its dozen lookups and escapes."""
    parts = []
    errors = form.non_field_errors()
    if errors:
        parts.append('<div class="alert alert-danger py-2">' + "".join(f"{conditional_escape(e)}<br>" for e in errors)
                     + "</div>")
    parts.append("\n")
    for field in form:
        widget = field.field.widget
        if getattr(widget, "input_type", None) == "checkbox" and not getattr(widget, "allow_multiple_selected", None):
            rendered = conditional_escape(field)
        else:
            rendered = field.as_widget()
        required = " fw-semibold" if field.field.required else ""
        help_text = f'<div class="form-text">{conditional_escape(field.help_text)}</div>' if field.help_text else ""
        field_errors = conditional_escape(field.errors) if field.errors else ""
        parts.append(f'\n<div class="mb-3">\n  <label class="form-label{required}" '
                     f'for="{conditional_escape(field.id_for_label)}">{conditional_escape(field.label)}</label>\n  '
                     f"{rendered}\n  {help_text}\n  {field_errors}\n</div>\n")
    parts.append("\n")
    return mark_safe("".join(parts))


class FilterForm(ExactWidgets, BootstrapMixin, forms.Form):
    """The form class every FilterSet uses (Meta.form): its widgets rendered in Python (ExactRender)."""


class FilterSetOnce:
    """FilterSet mixin: what does not depend on the request is built once per FilterSet class.

    - The form class. django-filter builds it per instance (every filter's field constructed, a new class through
      the forms metaclass): ~1 ms of each list page.
    - The copies each request makes. django-filter deep-copies the class's filters for every instance and Django
      deep-copies the form class's fields for every form: walking each filter's querysets, choices and lazy
      labels, and copying each field and widget through the reduce protocol, was ~1.3 ms of the ledger. Nothing
      of them is changed in place by a request, so each instance gets plain copies instead: a filter its own
      attributes and `extra` (parent and model are set on the copy; a method filter is bound to its copy by
      django-filter's own `method` setter); a field Django's own __deepcopy__ (own widget, attrs, choices, error
      messages, validators), with copy.copy made a plain copy of the instance's attributes. One request's changes
      still never reach another's (tests/capacity/test_filter_copies.py).
    """

    def __init__(self, *args, **kwargs):
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_filters"), _PlainCopiedFilters):
            cls.base_filters = _PlainCopiedFilters(cls.base_filters)
        super().__init__(*args, **kwargs)

    def get_form_class(self):
        cls = type(self)
        if "_form_class_once" not in cls.__dict__:
            form_class = super().get_form_class()
            for field in form_class.base_fields.values():
                field.__class__ = plain_copy(type(field))
                field.widget.__class__ = plain_copy(exact(type(field.widget)))
            cls._form_class_once = form_class
        return cls._form_class_once


def _plain_copy(obj):
    """A new instance of obj's class holding the same attribute values (what copy.copy makes of a plain object)."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    return new


class _PlainCopy:
    __copy__ = _plain_copy


@functools.cache
def plain_copy(cls):
    """`cls` with copy.copy() as _plain_copy (the class itself when it customises copying or pickling)."""
    if issubclass(cls, _PlainCopy) or any(getattr(cls, name) is not getattr(object, name, None) for name in (
            "__reduce_ex__", "__reduce__", "__getstate__")) or hasattr(cls, "__copy__") or hasattr(cls, "__slots__"):
        return cls
    return type(cls.__name__, (_PlainCopy, cls), {})


class _PlainCopiedFilters(dict):
    """A FilterSet's base_filters whose deep copy (django-filter makes one per FilterSet instance) is plain."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, original in self.items():
            copied = _plain_copy(original)
            copied.extra = dict(original.extra)
            copied.__dict__.pop("_field", None)  # built from the copy when asked, as after a deep copy
            if original.method is not None:
                copied.method = original.method  # a new FilterMethod, bound to the copy
            copies[name] = copied
        return copies


class DateInput(forms.DateInput):
    input_type = "date"
