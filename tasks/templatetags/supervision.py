"""Template helpers for the supervision pages: light badges, Chinese dates, unit lists, sort links."""

import functools
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from fuyuan.lib.dates import arabic_date
from tasks import deadlines
from tasks.selectors import lead_units, responsible_units

register = template.Library()

_DOT = {"danger": "red", "warning": "yellow", "success": "green", "secondary": "grey"}


@register.filter
def light_badge(light):
    """A coloured dot and the light's label, e.g. ● 逾期 in red."""
    if not light:
        return ""
    return _badge(light, get_language())


@functools.lru_cache(maxsize=64)
def _badge(light, language):
    # Seven lights × the languages in use: built once each rather than once per row of every list.
    colour = deadlines.light_colour(light)
    return format_html('<span class="text-nowrap light-label light-{}" data-light="{}"><span class="light light-{}">'
                       '</span>{}</span>', light, light, _DOT[colour], deadlines.light_label(light))


@register.filter
def json_data(value, element_id):
    """`value|json_script:element_id`, the same markup (django.utils.html.json_script), its three escapes done with
    str.replace: json_script's str.translate with a mapping goes through the JSON character by character, 0.4 ms
    for the dashboard's 4 KB of chart data, a quarter of the rest of its template."""
    text = (json.dumps(value, cls=DjangoJSONEncoder)
            .replace(">", "\\u003E").replace("<", "\\u003C").replace("&", "\\u0026"))
    return format_html('<script id="{}" type="application/json">{}</script>', element_id, mark_safe(text))


@register.filter
def light_label(light):
    return deadlines.light_label(light)


@register.filter
def light_dot(light):
    return _DOT[deadlines.light_colour(light)]


@register.filter
def cn_date(day):
    """2024年4月30日."""
    return arabic_date(day)


@register.filter
def days_left(due_date, today):
    return deadlines.days_left(due_date, today)


@register.filter
def abs_int(value):
    return abs(int(value))


@register.simple_tag
def unit_names(task, part):
    """The task's lead or responsible units from prefetched assignments, joined with 、."""
    units = lead_units(task) if part == "lead" else responsible_units(task)
    return format_html_join("、", "{}", ((unit.display_name,) for unit in units))


@register.simple_tag
def sort_link(label, key, current, query):
    """A column header that sorts by `key`, and reverses when already sorted by it."""
    descending = current == key
    target = f"-{key}" if descending else key
    arrow = " ▲" if current == key else (" ▼" if current == f"-{key}" else "")
    prefix = f"{query}&" if query else ""
    return format_html('<a class="text-reset text-decoration-none" href="?{}sort={}">{}{}</a>', prefix, target, label,
                       arrow)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def form_fields(form):
    """templates/_form_fields.html for `form`, written in Python (fuyuan.lib.forms.form_fields_html)."""
    from fuyuan.lib.forms import form_fields_html

    return form_fields_html(form)
