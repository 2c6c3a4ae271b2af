"""tasks/_task_rows.html's table of items, written in Python: the home pages' lists and the dashboard's.

Through the include each row cost a URL reverse, a choices lookup and five escaped variables (about 600 Python
calls a row on a liaison's home, half the page); here a row is one string. What is the same for every row — the
column heads, the statuses' labels, the badge texts — is translated once per language, and the item address
once per URL configuration. tests/tasks/test_task_table.py holds the output equal to the include's.
"""

import functools
from html import escape

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Status
from .templatetags.supervision import light_badge


@functools.lru_cache(maxsize=8)
def _texts(language):
    """(table head, status labels by value, the 缺报 badge, the empty table's body), escaped, for one language."""
    head = "".join(f"<th>{escape(str(label))}</th>" for label in (_("Number"), _("Item"), _("Deadline"), _("Status"),
                                                                   _("Light")))
    statuses = {value: escape(str(label)) for value, label in Status.choices}
    missing = f' <span class="badge text-bg-danger">{escape(_("Report missing"))}</span>'
    empty = f'<tr><td colspan="5" class="text-muted">{escape(_("Nothing here."))}</td></tr>'
    return head, statuses, missing, empty


@functools.lru_cache(maxsize=16)
def _detail_url(script_prefix, urlconf):
    """The item page's address with `{}` where the item's id goes, escaped."""
    return escape(reverse("tasks:detail", args=[0], urlconf=urlconf)).replace("/0/", "/{}/")


def task_table_html(tasks) -> str:
    """The table of these items as tasks/_task_rows.html prints it, one HTML string.

    Each item needs what the include reads: pk, number, title, deadline_display, status, light, missing_report.
    """
    head, statuses, missing, empty = _texts(get_language())
    detail = _detail_url(get_script_prefix(), get_urlconf())
    rows = [
        f'\n    <tr><td class="text-nowrap">{escape(str(task.number))}</td><td><a href="'
        f'{detail.format(task.pk)}">{escape(str(task.title))}</a></td>'
        f'<td class="small text-nowrap">{escape(str(task.deadline_display))}</td>'
        f'<td class="small text-nowrap">{statuses.get(task.status) or escape(str(task.status))}</td>'
        f'<td class="small">{light_badge(task.light)}{missing if task.missing_report else ""}</td></tr>\n  '
        for task in tasks]
    return mark_safe('<table class="table table-sm table-bordered table-hover table-dense mb-0 fy-cards">\n'  # noqa: S308
                     f"  <thead><tr>{head}</tr></thead>\n  <tbody>{''.join(rows) or empty}</tbody>\n</table>\n")
