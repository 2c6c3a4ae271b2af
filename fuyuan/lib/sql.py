"""Plain SQL for the few small queries every list page runs, where building them through the ORM cost more
than running them (a 50-key IN list alone is ~50 calls per key to compile; measured on the ledger, the two
queries below took 2.2 and 1.4 ms through the ORM, 1.2 and 0.4 ms as plain statements).

Table and column names come from the models' _meta, quoted by the connection, so a renamed column fails here
as loudly as in the ORM; values are always parameters. fetch_as() converts what it reads as the ORM would (SQLite's
text dates and times, 0/1 booleans, JSON). Where a query's conditions are the ORM's to state (a scoping rule),
compiled_once() compiles its queryset once per process and reuses the SQL with each request's values.
"""

import functools

from django.db import connection


def name(model, field: str | None = None) -> str:
    """The quoted table of `model`, or the quoted column of its `field`."""
    meta = model._meta
    return connection.ops.quote_name(meta.get_field(field).column if field else meta.db_table)


class _Names:
    """A model in a statement's template: `{r}` its quoted table, `{r.field}` a field's column with its table,
    `{r[field]}` the column alone (an UPDATE's SET)."""

    def __init__(self, model):
        self.model = model

    def __str__(self):
        return name(self.model)

    def __getattr__(self, field):
        return f"{name(self.model)}.{name(self.model, field)}"

    def __getitem__(self, field):
        return name(self.model, field)


@functools.cache
def statement(template: str, **models) -> str:
    """`template` with its models' quoted table and column names, made once per process: in
    `statement("SELECT {r.text} FROM {r} WHERE {r.task} = %s", r=ProgressReport)`, `{r}` is the table and
    `{r.task}` the column of the field `task` with its table ("tasks_progressreport"."task_id"); `{r[task]}` is
    the column alone, for an UPDATE's SET. Values stay %s parameters."""
    return template.format(**{key: _Names(model) for key, model in models.items()})


def placeholders(values) -> str:
    """`%s, %s, …`: one parameter per value, for an IN list (never empty: callers return early)."""
    return ", ".join(["%s"] * len(values))


def fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def fetch_as(sql: str, params, fields) -> list[tuple]:
    """fetch(), each column's value converted as the ORM converts what it reads for the model field at its place
    in `fields` (None: as read). PostgreSQL returns dates, times and booleans as such; SQLite returns text and
    0/1, which the ORM turns into dates, aware datetimes and booleans (and a field may convert its own values)."""
    rows = fetch(sql, params)
    converters = _converters(tuple(fields), connection.ops)
    if not converters or not rows:
        return rows
    rows = [list(row) for row in rows]
    for index, column, functions in converters:
        for row in rows:
            value = row[index]
            for function in functions:
                value = function(value, column, connection)
            row[index] = value
    return [tuple(row) for row in rows]


@functools.lru_cache(maxsize=256)
def _converters(fields, operations):
    """(column's index, its expression, its converters) for the fields that have any, as the ORM's compiler finds
    them (per connection: a backend's converters are bound to it)."""
    from django.db.models.expressions import Col

    found = []
    for index, field in enumerate(fields):
        if field is not None:
            column = Col(field.model._meta.db_table if hasattr(field, "model") else None, field)
            functions = operations.get_db_converters(column) + column.get_db_converters(operations.connection)
            if functions:
                found.append((index, column, functions))
    return tuple(found)


# Stand-ins for a request's values in a query compiled once (compiled_once): ids no row has, within the range of
# an integer column (the ORM compiles a value outside its field's range to an empty result, not a parameter).
STAND_INS = (2_147_000_001, 2_147_000_002, 2_147_000_003)


def compiled_once(build=None, *, optional=()):
    """Decorator: `build(*stand_ins)` returns a queryset that takes nothing else from the request; the decorated
    function, given the request's values, returns its (sql, params) compiled once per process and database, the
    values where the stand-ins were.

    For a query whose conditions are the ORM's to state (a scoping rule, has_liaison) but whose compilation
    costs more than running it: the rule stays in one place and its SQL is reused. Each value must reach the
    query's parameters, except those at the `optional` positions (a value some kinds of query do not use); a
    stand-in written into the SQL itself, or one that does not reach the parameters, fails loudly.
    """
    if build is None:
        return functools.partial(compiled_once, optional=optional)
    cache = {}

    @functools.wraps(build)
    def run(*values):
        alias = connection.alias
        if alias not in cache:
            stand_ins = STAND_INS[:len(values)]
            sql, params = build(*stand_ins).query.sql_with_params()
            if any(str(stand_in) in sql for stand_in in stand_ins):
                raise ValueError(f"{build.__name__}: a stand-in is written into the SQL: {sql}")
            # PostgreSQL's backend may wrap an id in its integer type (psycopg's Int4): the value gets the same.
            places = [(index, stand_ins.index(param), type(param)) for index, param in enumerate(params)
                      if isinstance(param, int) and not isinstance(param, bool) and param in stand_ins]
            missing = set(range(len(values))) - set(optional) - {value for _index, value, _wrap in places}
            if missing:
                raise ValueError(f"{build.__name__}: stand-ins {sorted(missing)} are not parameters of {sql}")
            cache[alias] = sql, list(params), places
        sql, params, places = cache[alias]
        params = list(params)
        for index, value, wrap in places:
            params[index] = wrap(values[value])
        return sql, params

    return run


def execute(sql: str, params) -> int:
    """Run one statement that returns no rows (an UPDATE); the number of rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
