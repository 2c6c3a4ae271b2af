"""A liaison's and an issuer's home: their lists, suggestions and meetings, read as values and printed in Python.

templates/tasks/_unit_queues.html (~2,700 calls through the template for ten cards and headings),
templates/suggestions/_home.html and templates/meetings/_home_invitations.html's markup, built here: through the
ORM (select_related and an order across the join) and the includes, the two short lists cost ~10,000 Python
calls, half of a liaison's home page; as three plain statements and one string per row, a few hundred. The
includes stay the reference: tests/test_home_lists.py holds this output equal to theirs.

The office's and leaders' home (fuyuan.office_home reads it) prints its light cards, the requests waiting and the
upcoming meetings here too: templates/tasks/_light_cards.html, _queue_tables.html and
meetings/_home_upcoming.html's markup, held equal to them by tests/test_office_home.py.
"""

import functools
import unicodedata
from html import escape

from django.db import connection
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fuyuan.lib.dates import arabic_date
from fuyuan.lib.sql import fetch_as, name, placeholders
from fuyuan.units.models import MemberUnit
from meetings.models import Invitation, Meeting, MeetingStatus, Response
from suggestions.models import Status, Suggestion

LIMIT = 10  # each list shows its first ten


@functools.lru_cache(maxsize=16)
def _urls(script_prefix, urlconf):
    """The suggestion's and the meeting's page, `{}` where the id goes."""
    return tuple(escape(reverse(view, args=[0], urlconf=urlconf)).replace("/0/", "/{}/")
                 for view in ("suggestions:detail", "meetings:detail"))


@functools.lru_cache(maxsize=8)
def _texts(language):
    return {
        "evaluate": escape(_("Replies to evaluate")), "reply": escape(_("Suggestions to reply to")),
        "due": escape(_("Reply deadline")), "meetings": escape(_("Meetings")),
        "head": "".join(f"<th>{escape(label)}</th>" for label in (_("Date and time"), _("Meeting"), _("Our reply"))),
        "responses": {value: escape(str(label)) for value, label in Response.choices},
    }


@functools.cache
def _suggestions_sql(vendor, unit_column, other_column, date_column, statuses) -> str:
    """A unit's suggestions in some statuses, with the other unit's name, by a date: (id, number, title, name, date)."""
    s, u = name(Suggestion), name(MemberUnit)
    return (f"SELECT {s}.{name(Suggestion, 'id')}, {s}.{name(Suggestion, 'doc_number')}, "
            f"{s}.{name(Suggestion, 'title')}, {u}.{name(MemberUnit, 'name')}, {s}.{name(Suggestion, date_column)} "
            f"FROM {s} INNER JOIN {u} ON {u}.{name(MemberUnit, 'id')} = {s}.{name(Suggestion, other_column)} "
            f"WHERE {s}.{name(Suggestion, unit_column)} = %s AND {s}.{name(Suggestion, 'status')} IN "
            f"({placeholders(statuses)}) ORDER BY {s}.{name(Suggestion, date_column)} ASC, "
            f"{s}.{name(Suggestion, 'id')} ASC LIMIT {LIMIT}")


def _suggestions(unit_id, unit_column, other_column, date_column, statuses):
    return fetch_as(_suggestions_sql(connection.vendor, unit_column, other_column, date_column, statuses),
                    [unit_id, *statuses], (None, None, None, None, Suggestion._meta.get_field(date_column)))


def suggestions_html(unit_id, evaluates: bool) -> str:
    """templates/suggestions/_home.html: what the unit must reply to and, for an issuer (`evaluates`), the
    replies it must evaluate — each by its date, the first ten."""
    texts = _texts(get_language())
    detail = _urls(get_script_prefix(), get_urlconf())[0]
    out = []
    lists = []
    if evaluates:  # Suggestion.objects.filter(issuer=unit, status=REPLIED).order_by("replied_on")
        lists.append(("home-to-evaluate", texts["evaluate"], "danger", "",
                      _suggestions(unit_id, "issuer", "addressee", "replied_on", (Status.REPLIED,))))
    # Suggestion.objects.filter(addressee=unit, status__in=[AWAITING_REPLY, RETURNED]).order_by("reply_due_on")
    lists.append(("home-to-reply", texts["reply"], "warning", texts["due"] + " ",
                  _suggestions(unit_id, "addressee", "issuer", "reply_due_on", (Status.AWAITING_REPLY,
                                                                                  Status.RETURNED))))
    for testid, title, colour, before_date, rows in lists:
        if not rows:
            continue
        out.append(f'\n<section class="mb-3" data-testid="{testid}"><h2 class="h6">{title} '
                   f'<span class="badge text-bg-{colour}">{len(rows)}</span></h2>\n'
                   '<table class="table table-sm table-bordered table-dense mb-0"><tbody>')
        out.extend(f'\n  <tr><td class="text-nowrap">{escape(number)}</td><td><a href="{detail.format(pk)}">'
                   f'{escape(title)}</a></td><td class="small">{escape(unit)}</td>'
                   f'<td class="small text-nowrap">{before_date}{arabic_date(day)}</td></tr>\n'
                   for pk, number, title, unit, day in rows)
        out.append("</tbody></table></section>\n")
    return mark_safe("".join(out) + "\n")  # noqa: S308 (every value escaped above)


@functools.cache
def _invitations_sql(vendor) -> str:
    """A unit's invitations to planned meetings from now on, soonest first: (meeting id, starts at, title, number,
    response) — Invitation.objects.filter(unit=…, meeting__status=PLANNED, meeting__starts_at__gte=now)."""
    i, m = name(Invitation), name(Meeting)
    return (f"SELECT {i}.{name(Invitation, 'meeting')}, {m}.{name(Meeting, 'starts_at')}, "
            f"{m}.{name(Meeting, 'title')}, {m}.{name(Meeting, 'number')}, {i}.{name(Invitation, 'response')} "
            f"FROM {i} INNER JOIN {m} ON {m}.{name(Meeting, 'id')} = {i}.{name(Invitation, 'meeting')} "
            f"WHERE {i}.{name(Invitation, 'unit')} = %s AND {m}.{name(Meeting, 'status')} = %s "
            f"AND {m}.{name(Meeting, 'starts_at')} >= %s "
            f"ORDER BY {m}.{name(Meeting, 'starts_at')} ASC, {m}.{name(Meeting, 'id')} ASC LIMIT {LIMIT}")


def invitations_html(unit_id) -> str:
    """templates/meetings/_home_invitations.html: the unit's coming planned meetings and its reply to each."""
    now = Meeting._meta.get_field("starts_at").get_db_prep_value(timezone.now(), connection)
    rows = fetch_as(_invitations_sql(connection.vendor), [unit_id, MeetingStatus.PLANNED, now],
                    (None, Meeting._meta.get_field("starts_at")))
    if not rows:
        return mark_safe("\n")
    texts = _texts(get_language())
    detail = _urls(get_script_prefix(), get_urlconf())[1]
    body = "".join(
        f'<tr><td class="text-nowrap">{timezone.localtime(starts_at):%Y-%m-%d %H:%M}</td>'
        f'<td><a href="{detail.format(meeting_id)}">{escape(f"{title}（第{number}次）" if number else title)}</a></td>'
        f'\n    <td class="small{" text-danger fw-semibold" if response == Response.PENDING else ""}">'
        f'{texts["responses"].get(response) or escape(response)}</td></tr>'
        for meeting_id, starts_at, title, number, response in rows)
    return mark_safe(  # noqa: S308 (every value escaped above)
        f'\n<section class="mb-3" data-testid="home-invitations"><h2 class="h6">{texts["meetings"]}</h2>\n'
        '<table class="table table-sm table-bordered table-dense mb-0">\n'
        f'  <thead><tr>{texts["head"]}</tr></thead>\n  <tbody>{body}</tbody>\n</table></section>\n\n')


@functools.lru_cache(maxsize=8)
def _queue_labels(labels, language):
    return tuple((name, escape(str(label)), colour) for name, label, colour in labels)


def unit_queues_html(queues, labels) -> str:
    """templates/tasks/_unit_queues.html: a card per list with its count, then each list that has items, its table
    (queue["table"], tasks.task_table) under its heading. `labels`: (key, label, colour) per list, in order."""
    labels = _queue_labels(tuple(labels), get_language())
    cards = "".join(
        f'\n  <div class="col"><a class="card stat-card text-decoration-none h-100 border-{colour}" '
        f'href="#queue-{name}" data-queue="{name}"><div class="card-body py-2"><div class="text-muted small">{label}'
        f'</div><div class="fs-3 fw-semibold text-{colour}" data-testid="queue-{name}-count">{queues[name]["count"]}'
        "</div></div></a></div>\n  "
        for name, label, colour in labels)
    sections = "".join(
        f'\n<section id="queue-{name}" class="mb-3" data-testid="queue-{name}"><h2 class="h6">{label} '
        f'<span class="badge text-bg-{colour}">{queues[name]["count"]}</span></h2>\n{queues[name]["table"]}</section>\n'
        for name, label, colour in labels if queues[name]["count"])
    return mark_safe(  # noqa: S308 (labels escaped; names and colours are the code's own; tables are HTML)
        '<div class="row g-2 mb-3" data-testid="unit-queue-counts" data-primary="queue-counts">\n  '
        f"{cards}\n</div>\n{sections}\n")


# The office's and leaders' home (fuyuan.office_home): the light cards, the requests waiting and the upcoming
# meetings, the markup of templates/tasks/_light_cards.html, _queue_tables.html and meetings/_home_upcoming.html.


@functools.lru_cache(maxsize=16)
def _office_urls(script_prefix, urlconf):
    """The ledger's, the item's, the meetings' and a meeting's address (`{}` where an id goes), escaped."""
    return (escape(reverse("tasks:ledger", urlconf=urlconf)),
            escape(reverse("tasks:detail", args=[0], urlconf=urlconf)).replace("/0/", "/{}/"),
            escape(reverse("meetings:list", urlconf=urlconf)),
            escape(reverse("meetings:detail", args=[0], urlconf=urlconf)).replace("/0/", "/{}/"))


@functools.lru_cache(maxsize=8)
def _office_texts(language):
    def head(*labels):
        return "".join(f"<th>{escape(label)}</th>" for label in labels)

    first = (_("Requested"), _("Number"), _("Item"), _("Unit"))
    return {
        "missing": escape(_("Report missing")),
        "closures": escape(_("Closure requests")),
        "closure_head": head(*first, _("Completion summary")),
        "no_closure": escape(_("No closure request is waiting.")),
        "extensions": escape(_("Extension requests")),
        "extension_head": head(*first, _("Deadline"), _("Reason")),
        "no_extension": escape(_("No extension request is waiting.")),
        "upcoming": escape(_("Upcoming meetings")), "all_meetings": escape(_("All meetings")),
        "no_meeting": escape(_("No meeting scheduled.")),
    }


def light_cards_html(lights) -> str:
    """templates/tasks/_light_cards.html: a card per light (but cancelled) and one for 缺报, from the counts per
    light (tasks.selectors.light_counts_from_groups)."""
    from tasks import deadlines
    from tasks.templatetags.supervision import light_badge

    ledger = _office_urls(get_script_prefix(), get_urlconf())[0]
    cards = "".join(
        f'\n  <div class="col-6 col-md-3 col-xl"><a class="card stat-card text-decoration-none h-100" '
        f'href="{ledger}?light={light}" data-light="{light}"><div class="card-body py-2"><div class="small">'
        f'{light_badge(light)}</div><div class="fs-3 fw-semibold">{lights[light]}</div></div></a></div>\n  '
        for light in deadlines.LIGHTS if light != deadlines.CANCELLED)
    return mark_safe(  # noqa: S308 (the lights are the code's own names; counts are numbers)
        '<div class="row g-2 mb-3" data-testid="light-cards" data-primary="light-cards">\n  '
        f'{cards}\n  <div class="col-6 col-md-3 col-xl"><a class="card stat-card text-decoration-none h-100" '
        f'href="{ledger}?missing=true" data-light="missing_report"><div class="card-body py-2"><div class="small">'
        f'<span class="badge text-bg-danger">{_office_texts(get_language())["missing"]}</span></div>'
        f'<div class="fs-3 fw-semibold">{lights["missing_report"]}</div></div></a></div>\n</div>\n')


def _local(moment) -> str:
    """A time as the template's date:"Y-m-d H:i" prints it (in the current time zone)."""
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _truncated(text, length=80) -> str:
    """`text|truncatechars:80`, escaped: Truncator's answer, which for a text no longer than `length` once normalised
    (most summaries and reasons) is that text, without its lazy object and its walk over every character."""
    from django.utils.text import Truncator

    text = unicodedata.normalize("NFC", str(text))
    return escape(text if len(text) <= length else Truncator(text).chars(length))


def queue_tables_html(queues) -> str:
    """templates/tasks/_queue_tables.html: the closure and extension requests waiting, from
    fuyuan.office_home's rows (office_home.CLOSURE_COLUMNS, EXTENSION_COLUMNS) and counts."""
    texts = _office_texts(get_language())
    detail = _office_urls(get_script_prefix(), get_urlconf())[1]

    def start(requested_at, task_id, number, title, short_name, unit_name):
        return (f'\n    <tr><td class="small text-nowrap">{_local(requested_at)}</td><td>{escape(str(number))}</td>'
                f'<td><a href="{detail.format(task_id)}">{escape(str(title))}</a></td>'
                f'<td class="small">{escape(str(short_name or unit_name))}</td>')

    closures = "".join(
        f'{start(*row[:6])}<td class="small">{_truncated(row[6])}</td></tr>\n  '
        for row in queues["closures"]) or f'<tr><td colspan="5" class="text-muted">{texts["no_closure"]}</td></tr>'
    extensions = "".join(
        f'{start(*row[:6])}<td class="small text-nowrap">{escape(arabic_date(row[6]))} → '
        f'{escape(arabic_date(row[7]))}</td><td class="small">{_truncated(row[8])}</td></tr>\n  '
        for row in queues["extensions"]) or (f'<tr><td colspan="6" class="text-muted">{texts["no_extension"]}'
                                             "</td></tr>")
    return mark_safe(  # noqa: S308 (every value escaped above)
        f'\n<h2 class="h6 mt-3">{texts["closures"]} <span class="badge text-bg-danger" data-testid="closure-count">'
        f'{queues["closure_count"]}</span></h2>\n'
        '<table class="table table-sm table-bordered table-dense" data-testid="closure-queue">\n'
        f'  <thead><tr>{texts["closure_head"]}</tr></thead>\n  <tbody>{closures}</tbody>\n</table>\n'
        f'<h2 class="h6 mt-3">{texts["extensions"]} <span class="badge text-bg-warning" '
        f'data-testid="extension-count">{queues["extension_count"]}</span></h2>\n'
        '<table class="table table-sm table-bordered table-dense" data-testid="extension-queue">\n'
        f'  <thead><tr>{texts["extension_head"]}</tr></thead>\n  <tbody>{extensions}</tbody>\n</table>\n')


def upcoming_html(rows) -> str:
    """templates/meetings/_home_upcoming.html: the next planned meetings, from fuyuan.office_home.upcoming_meetings'
    (id, starts at, title, number, type's name) rows."""
    texts = _office_texts(get_language())
    urls = _office_urls(get_script_prefix(), get_urlconf())
    body = "".join(
        f'<tr><td class="text-nowrap">{_local(starts_at)}</td><td><a href="{urls[3].format(meeting_id)}">'
        f'{escape(f"{title}（第{number}次）" if number else title)}</a></td><td class="small">{escape(type_name)}'
        "</td></tr>\n  "
        for meeting_id, starts_at, title, number, type_name in rows
    ) or f'<tr><td class="text-muted">{texts["no_meeting"]}</td></tr>'
    return mark_safe(  # noqa: S308 (every value escaped above)
        f'<h2 class="h6 mt-3">{texts["upcoming"]} <a class="small fw-normal d-print-none" href="{urls[2]}">'
        f'{texts["all_meetings"]}</a></h2>\n'
        '<table class="table table-sm table-bordered table-dense" data-testid="home-upcoming">\n'
        f"  <tbody>{body}</tbody>\n</table>\n")
