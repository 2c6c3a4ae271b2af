"""The office's and leaders' home: its counts and lists, each statement compiled once a day for them.

For a reader who sees every item (the office, leaders: Task.objects.visible_to adds no condition) nothing the page
counts or lists depends on who reads it: the active units and the current roster, the drafts, the counts per
light, the overdue items and the requests waiting are the same statements for all of them that day. Each is built
and compiled through the ORM once for its key and later requests only run it (fuyuan.lib.sql.compiled_rows and
compiled_counts_together: the day is in every key, a changed setting empties them), so its rows stay the ORM's;
building and compiling them had cost ~25,000 Python calls a request, three quarters of the page. For any other
reader they are built as always. The upcoming meetings depend on the moment (starts_at ≥ now): a plain statement
with the time as a parameter. The lists are read as values and written in Python (fuyuan.home_lists).
"""

import functools

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from fuyuan.lib.sql import compiled_counts, compiled_counts_together, compiled_rows, fetch_as, name
from fuyuan.units.models import MemberUnit, RosterPosition
from meetings.models import Meeting, MeetingStatus, MeetingType
from tasks import deadlines, light_state
from tasks.models import Status, Task
from tasks.queues import LIST_COLUMNS, LIST_LIMIT, QueueItem
from tasks.selectors import (
    SharedLedger,
    ledger_tasks,
    light_count_groups,
    light_counts_from_groups,
    pending_closures,
    pending_extensions,
    user_kind,
)

UPCOMING_LIMIT = 5
# What the queue tables print of a request (templates/tasks/_queue_tables.html), in the order home_lists reads them.
CLOSURE_COLUMNS = ("requested_at", "task_id", "task__number", "task__title", "unit__short_name", "unit__name",
                   "summary")
EXTENSION_COLUMNS = ("requested_at", "task_id", "task__number", "task__title", "unit__short_name", "unit__name",
                     "old_due_date", "new_due_date", "reason")


def shared_key(user, today, stored: bool) -> tuple | None:
    """What the statements over the user's items depend on, when the user sees every item: the day they are for and
    whether the stored lights are read. None for a user whose items are a filter of their own (built as always)."""
    if Task.objects.visible_to(user).query.where:
        return None
    return (today, "stored" if stored else "computed")


def figures(user, today, requests: bool = True) -> dict:
    """Everything the office's home counts and lists (`requests`: with the drafts and the requests waiting, which
    a leader's home does not show): unit_count, roster_count and `queues` (draft_count, lights, overdue, and the
    closures and extensions as rows of their printed values with their counts)."""
    stored = light_state.current(today)  # brought up to date first; the statements then read the stored light
    key = shared_key(user, today, stored)
    tasks = functools.partial(ledger_tasks, user, today, "current" if stored else False)
    unit_count, roster_count, draft_count = _counts(user, key, requests)
    shared = None
    if key and stored:  # the counts per light as the ledger's shared statements, drafts left out
        kind = user_kind(user)
        shared = SharedLedger(key=("home", *key, kind), values=(user.unit_id or 0,), kind=kind, today=today,
                              narrow=_not_drafts)
    queues = {
        "draft_count": draft_count,
        "lights": light_counts_from_groups(light_count_groups(_not_drafts(tasks()), today, shared)),
        "overdue": overdue(tasks, key),
    }
    if requests:
        queues["closures"], queues["closure_count"] = _waiting("closures", pending_closures, CLOSURE_COLUMNS)
        queues["extensions"], queues["extension_count"] = _waiting("extensions", pending_extensions,
                                                                   EXTENSION_COLUMNS)
    return {"unit_count": unit_count, "roster_count": roster_count, "queues": queues}


def _not_drafts(tasks):
    return tasks.exclude(status=Status.DRAFT)


def _counts(user, key, drafts: bool):
    """(active units, current roster positions, drafts or None) in one statement: the drafts only with `drafts`,
    and in it only when the user sees every item (a key), else counted by their own query."""
    builds = [lambda: (MemberUnit.objects.active(), {"n": Count("pk")}),
              lambda: (RosterPosition.objects.current(), {"n": Count("pk")})]
    draft_count = None
    if drafts and key:
        builds.append(lambda: (Task.objects.visible_to(user).filter(status=Status.DRAFT), {"n": Count("pk")}))
    elif drafts:
        draft_count = Task.objects.visible_to(user).filter(status=Status.DRAFT).count()
    counts = [count["n"] for count in compiled_counts_together(("home.counts", len(builds)), builds)]
    return counts[0], counts[1], counts[2] if len(counts) > 2 else draft_count


def overdue(tasks, key) -> list[QueueItem]:
    """The first LIST_LIMIT overdue items in the order of their deadline, as tasks/_task_rows.html prints them.

    `tasks`: a function building the user's ledger queryset; with `key` (shared_key) the statement is compiled once.
    """
    names = (*LIST_COLUMNS, "light", "missing_report")

    def query():
        return (tasks().filter(light=deadlines.OVERDUE).prefetch_related(None).select_related(None)
                .order_by("due_date", "sort_key", "pk").values_list(*names)[:LIST_LIMIT])

    rows = compiled_rows(("home.overdue", *key), query) if key else query()
    items = []
    for row in rows:
        item = QueueItem()
        (item.pk, item.number, item.title, item.deadline_kind, item.deadline_text, item.due_date, item.cycle,
         item.status, item.light, item.missing_report) = row
        items.append(item)
    return items


def _waiting(kind, pending, columns):
    """(the first LIST_LIMIT pending requests as rows of `columns`, oldest first; how many in all): a COUNT only
    when the list is full. Pending requests are the office's to see whoever reads: compiled once."""
    rows = compiled_rows((f"home.{kind}",), lambda: (
        pending().order_by("requested_at", "pk").values_list(*columns)[:LIST_LIMIT]))
    if len(rows) < LIST_LIMIT:
        return rows, len(rows)
    return rows, compiled_counts((f"home.{kind}.count",), lambda: (pending(), {"n": Count("pk")}))["n"]


@functools.cache
def _upcoming_sql(vendor) -> str:
    """Planned meetings from now on, soonest first, with their type's name: (id, starts at, title, number, type) —
    Meeting.objects.filter(status=PLANNED, starts_at__gte=now).select_related("type")."""
    m, t = name(Meeting), name(MeetingType)
    return (f"SELECT {m}.{name(Meeting, 'id')}, {m}.{name(Meeting, 'starts_at')}, {m}.{name(Meeting, 'title')}, "
            f"{m}.{name(Meeting, 'number')}, {t}.{name(MeetingType, 'name')} "
            f"FROM {m} INNER JOIN {t} ON {t}.{name(MeetingType, 'id')} = {m}.{name(Meeting, 'type')} "
            f"WHERE {m}.{name(Meeting, 'status')} = %s AND {m}.{name(Meeting, 'starts_at')} >= %s "
            f"ORDER BY {m}.{name(Meeting, 'starts_at')} ASC, {m}.{name(Meeting, 'id')} ASC LIMIT {UPCOMING_LIMIT}")


def upcoming_meetings() -> list[tuple]:
    """The next planned meetings: (id, starts at, title, number, type's name) rows, the time as a parameter."""
    now = Meeting._meta.get_field("starts_at").get_db_prep_value(timezone.now(), connection)
    return fetch_as(_upcoming_sql(connection.vendor), [MeetingStatus.PLANNED, now],
                    (None, Meeting._meta.get_field("starts_at")))
