"""The ledger's pages: numbered (OFFSET) for the first few, then by keyset on the sort key.

Page 150 of 10,000 rows by OFFSET makes the database build and throw away 7,450 rows. Past
`NUMBERED_PAGES`, "Next" and "Previous" carry the sort key of the page's last (or first) row instead
(`after=` / `before=`), and the page starts strictly after (or ends strictly before) it: page 150 costs
what page 1 costs (the top 51 rows after the cursor), nothing is built to be thrown away. Every order ends
with the primary key, so it is total and no row is skipped or repeated at a page boundary; nullable columns
sort as PostgreSQL sorts them by default (ascending: empty last; descending: empty first), on SQLite too.
"""

import base64
import datetime
import json
import math
from dataclasses import dataclass, field

from django.db.models import F, Q

PAGE_SIZE = 50
# Pages 1–5 by number (an OFFSET of at most 200 rows); "Next" from page 5 on goes by keyset.
NUMBERED_PAGES = 5

# The sort parameter's names and the column each sorts by (LedgerFilter.sort offers the same names).
SORT_FIELDS = {
    "number": "sort_key", "light": "light_order", "due": "due_date", "status": "status", "title": "title",
    "closed": "closed_on", "updated": "updated_at",
}
# After the chosen column: the same ties broken the same way on every page (the default order's last keys).
TIE_BREAKERS = {"light_order": ("due_date", "sort_key"), "due_date": ("sort_key",)}
DEFAULT_ORDER = ("light_order", "due_date", "sort_key")
NULLABLE = {"due_date", "closed_on"}
DATES = {"due_date", "closed_on"}
INTEGERS = {"light_order", "pk"}


@dataclass(frozen=True)
class Key:
    """One column of the order: its name and direction."""
    name: str
    descending: bool = False

    @property
    def nullable(self):
        return self.name in NULLABLE

    def order(self):
        column = F(self.name)
        if self.descending:
            return column.desc(nulls_first=True) if self.nullable else column.desc()
        return column.asc(nulls_last=True) if self.nullable else column.asc()

    def reversed(self):
        return Key(self.name, not self.descending)

    def beyond(self, value) -> Q | None:
        """Rows strictly after `value` in this column's order (None: no row can be)."""
        if value is None:
            # Empty sorts last ascending (nothing after it) and first descending (everything else after it).
            return Q(**{f"{self.name}__isnull": False}) if self.descending else None
        condition = Q(**{f"{self.name}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and not self.descending:
            condition |= Q(**{f"{self.name}__isnull": True})
        return condition

    def same(self, value) -> Q:
        return Q(**{f"{self.name}__isnull": True}) if value is None else Q(**{self.name: value})


def ledger_order(sort: list[str] | None) -> tuple[Key, ...]:
    """The columns the ledger sorts by for a cleaned `sort` value (e.g. ["-due"]), ending with the primary key."""
    keys = []
    for param in sort or []:
        name = SORT_FIELDS.get(param.lstrip("-"))
        if name and name not in {k.name for k in keys}:
            keys.append(Key(name, param.startswith("-")))
    if not keys:
        keys = [Key(name) for name in DEFAULT_ORDER]
    for name in TIE_BREAKERS.get(keys[0].name, ()) + ("sort_key", "pk"):
        if name not in {k.name for k in keys}:
            keys.append(Key(name))
    return tuple(keys)


def order_by(rows, keys):
    return rows.order_by(*[key.order() for key in keys])


def fetch(rows, keys, names, stop, start=0, shared=None) -> list[dict]:
    """Rows `start`–`stop` of `rows` in the order `keys`, as dicts of `names`, in one query.

    The page's primary keys are chosen in a subquery over the rows' own columns, and only those rows are then
    joined (category, latest report) and read: the database keeps the top rows of a narrow sort instead of
    sorting every row with its joined columns. `shared`: a tasks.selectors.SharedLedger when this statement is the
    same for every reader of this kind (see tasks.views.shared_ledger_key), or None.
    """
    def query(rows):
        page = order_by(rows, keys).values("pk")[start:stop]
        return order_by(rows.filter(pk__in=page), keys).values_list(*names)

    if shared is None:
        return [dict(zip(names, row, strict=True)) for row in query(rows)]
    order = tuple((key.name, key.descending) for key in keys)
    return [dict(zip(names, row, strict=True))
            for row in shared.rows(("ledger.rows", order, tuple(names), start, stop), query)]


def after(keys, values) -> Q:
    """Rows strictly after the row whose key is `values`, in the order `keys` (lexicographic)."""
    condition, equal = None, Q()
    for key, value in zip(keys, values, strict=True):
        beyond = key.beyond(value)
        if beyond is not None:
            term = equal & beyond
            condition = term if condition is None else condition | term
        equal &= key.same(value)
    if condition is None:
        return Q(pk__in=[])
    first, value = keys[0], values[0]
    if not first.nullable:
        # Implied by the above, but a bound the database can start an index scan at (the OR above is only a filter).
        condition &= Q(**{f"{first.name}__{'lte' if first.descending else 'gte'}": value})
    return condition


def encode(keys, row) -> str:
    """The cursor of a row (a dict with the key columns): its key values, JSON in base64url."""
    values = [row[key.name] for key in keys]
    text = json.dumps([v.isoformat() if isinstance(v, datetime.date) else v for v in values], ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(keys, cursor: str):
    """The key values of a cursor, typed per column; None when it is not one of ours (then: page 1)."""
    from tasks.models import Task

    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != len(keys):
            return None
        typed = []
        for key, value in zip(keys, values, strict=True):
            if value is None:
                if not key.nullable:
                    return None
                typed.append(None)
            elif key.name in INTEGERS:
                typed.append(int(value))
            elif key.name in DATES:
                typed.append(datetime.date.fromisoformat(value))
            elif key.name == "updated_at":
                typed.append(Task._meta.get_field("updated_at").to_python(value))
            elif isinstance(value, str):
                typed.append(value)
            else:
                return None
        return typed
    except (ValueError, TypeError, json.JSONDecodeError, UnicodeDecodeError):
        return None


@dataclass
class LedgerPage:
    """One page of the ledger: its rows (dicts) and the query strings of its neighbours."""
    rows: list
    number: int
    count: int
    has_previous: bool = False
    has_next: bool = False
    previous_query: str = ""
    next_query: str = ""
    first_query: str = ""
    by_keyset: bool = False
    keys: tuple = field(default=(), repr=False)

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / PAGE_SIZE))

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def start_index(self):
        return (self.number - 1) * PAGE_SIZE + 1 if self.rows else 0


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def ledger_page(rows, keys, params, count, fields, base_query="", shared=None) -> LedgerPage:
    """The page of `rows` (a queryset) that `params` asks for, as dicts of `fields` (plus the key columns).

    `params`: the request's GET; `page` up to NUMBERED_PAGES by OFFSET, `after=`/`before=` a cursor past it.
    `count`: the rows' number, already known (the counts per light give it). `base_query`: the other filters,
    for the links. `shared`: see fetch() (numbered pages only; a cursor's values are the request's own).
    """
    names = list(dict.fromkeys([*fields, *(key.name for key in keys)]))
    num_pages = max(1, math.ceil(count / PAGE_SIZE))
    prefix = f"{base_query}&" if base_query else ""
    cursor_after, cursor_before = params.get("after"), params.get("before")
    values = decode(keys, cursor_after or cursor_before) if (cursor_after or cursor_before) else None
    if values is not None:
        number = min(max(_int(params.get("page"), NUMBERED_PAGES + 1), NUMBERED_PAGES + 1), num_pages)
        if cursor_after:
            found = fetch(rows.filter(after(keys, values)), keys, names, PAGE_SIZE + 1)
            has_next, page_rows = len(found) > PAGE_SIZE, found[:PAGE_SIZE]
            has_previous = True
        else:
            backwards = tuple(key.reversed() for key in keys)
            found = fetch(rows.filter(after(backwards, values)), backwards, names, PAGE_SIZE + 1)
            has_previous, page_rows = len(found) > PAGE_SIZE, found[:PAGE_SIZE][::-1]
            has_next = True
            if not has_previous:
                number = 1
        by_keyset = True
    else:
        number = _int(params.get("page"), 1)
        if number < 1 or number > NUMBERED_PAGES:
            number = 1
        start = (number - 1) * PAGE_SIZE
        found = fetch(rows, keys, names, start + PAGE_SIZE + 1, start, shared)
        if not found and number > 1:
            # Beyond the last page (the rows changed since the link was made): the first page.
            number, found = 1, fetch(rows, keys, names, PAGE_SIZE + 1, shared=shared)
        has_next, page_rows = len(found) > PAGE_SIZE, found[:PAGE_SIZE]
        has_previous = number > 1
        by_keyset = False
    page = LedgerPage(rows=page_rows, number=number, count=count, by_keyset=by_keyset, keys=keys,
                      has_previous=has_previous and bool(page_rows), has_next=has_next and bool(page_rows))
    if page.has_next:
        if number + 1 <= NUMBERED_PAGES and not by_keyset:
            page.next_query = f"{prefix}page={number + 1}"
        else:
            page.next_query = f"{prefix}after={encode(keys, page_rows[-1])}&page={number + 1}"
    if page.has_previous:
        if number - 1 <= NUMBERED_PAGES:
            page.previous_query = f"{prefix}page={number - 1}" if number - 1 > 1 else base_query
        else:
            page.previous_query = f"{prefix}before={encode(keys, page_rows[0])}&page={number - 1}"
    if number > 2:
        page.first_query = base_query
    return page
