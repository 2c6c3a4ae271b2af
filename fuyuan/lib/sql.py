"""Plain SQL for the few small queries every list page runs, where building them through the ORM cost more
than running them (a 50-key IN list alone is ~50 calls per key to compile; measured on the ledger, the two
queries below took 2.2 and 1.4 ms through the ORM, 1.2 and 0.4 ms as plain statements).

Table and column names come from the models' _meta, quoted by the connection, so a renamed column fails here
as loudly as in the ORM; values are always parameters. fetch_as() converts what it reads as the ORM would (SQLite's
text dates and times, 0/1 booleans, JSON); instances() makes such rows the model objects the ORM would make. Where a
query's conditions are the ORM's to state (a scoping rule), compiled_once() compiles its queryset once per process
and reuses the SQL with each request's values.
"""

import functools

from django.core.signals import setting_changed
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


# Statements compiled once: for a fixed-shape query whose SQL depends only on a few values (a year, a day),
# building and compiling it through the ORM on every request cost ten times running it (the dashboard: ~50,000
# Python calls a request for 13 statements that run in ~2,500). The ORM builds and compiles it the first time
# for a key; later calls with that key run the same SQL with the same parameters, so the result is the ORM's.
# A key must hold every value the statement depends on; settings are not in keys (the cache is emptied when a
# test changes one), and `timezone.localdate()` is added to every key, so no statement outlives its day.
_COMPILED = {}
_COMPILED_MAX = 256


def _compiled_key(key):
    from django.utils import timezone

    return (timezone.localdate(), connection.alias, *key)


def _remember(key, entry):
    if len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.clear()  # a day's keys are a few dozen; a full cache is yesterday's
    _COMPILED[key] = entry


def forget_compiled(**_kwargs):
    """Empty the cache of compiled statements (connected to setting_changed: tests that change a setting)."""
    _COMPILED.clear()


setting_changed.connect(forget_compiled, dispatch_uid="fuyuan.lib.sql.forget_compiled")


def compiled_rows(key, build, values=(), optional=()) -> list[tuple]:
    """The rows of the values_list() queryset `build()` returns, from its SQL compiled once for `key`.

    Each value goes through the converters the ORM applies (SQLite's dates and booleans, for one). `values`: the
    request's own values (a unit's id) the statement takes: `build(*stand_ins)` builds it with stand-ins in their
    place, as compiled_once() does (and `optional` as there), and each run puts `values` where they were.
    """
    key = _compiled_key(key)
    entry = _COMPILED.get(key)
    if entry is None:
        from django.core.exceptions import EmptyResultSet

        stand_ins = STAND_INS[:len(values)]
        queryset = build(*stand_ins)
        compiler = queryset.query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a filter that matches nothing (an empty IN list): no statement
            entry = (None, (), {}, [])
        else:
            found = compiler.get_converters([s[0] for s in compiler.select[:compiler.col_count]])
            entry = (sql, tuple(params), [(index, expression, functions)
                                          for index, (functions, expression) in found.items()],
                     _stand_in_places(key[2], sql, params, stand_ins, optional))
        _remember(key, entry)
    sql, params, converters, places = entry
    if sql is None:
        return []
    if places:
        params = list(params)
        for index, value, wrap in places:
            params[index] = wrap(values[value])
    return convert(fetch(sql, params), converters)


def compiled_objects(key, model, build) -> list:
    """The `model` objects of the queryset `build()` returns (every column, no select_related or annotation), from
    its SQL compiled once for `key`: each row made an object as the ORM makes it (Model.from_db)."""
    names = [field.attname for field in model._meta.concrete_fields]
    return [made for (made,) in _made(compiled_rows(key, lambda: build().values_list(*names)), (model,))]


def compiled_counts(key, build) -> dict:
    """queryset.aggregate(**counts) for the (queryset, counts) `build()` returns, every one a Count: the statement
    the ORM ran for it the first time for `key`, run again.

    Counts only: a COUNT is an integer on every backend, so the row needs no converter.
    """
    return compiled_counts_together(key, [build])[0]


def compiled_counts_together(key, builds) -> list[dict]:
    """compiled_counts() of each of `builds`, in one statement: each aggregate is one row, so the cross join of
    them as subqueries is one row holding every count (one round trip instead of one each)."""
    from django.db.models import Count

    key = _compiled_key(key)
    entry = _COMPILED.get(key)
    if entry is None:
        results, statements = [], []
        for build in builds:
            queryset, counts = build()
            ran = []

            def note(execute, sql, params, many, context, ran=ran):
                ran.append((sql, tuple(params)))
                return execute(sql, params, many, context)

            with connection.execute_wrapper(note):
                results.append(queryset.aggregate(**counts))
            # No statement (a filter that matches nothing) or another aggregate than COUNT: not kept.
            if len(ran) == 1 and all(type(count) is Count for count in counts.values()):
                statements.append((*ran[0], tuple(counts)))
        if len(statements) == len(builds):
            sql = statements[0][0] if len(statements) == 1 else "SELECT * FROM " + " CROSS JOIN ".join(
                f"({sql}) AS q{index}" for index, (sql, _params, _names) in enumerate(statements))
            _remember(key, (sql, tuple(param for _sql, params, _names in statements for param in params),
                            [names for _sql, _params, names in statements]))
        return results
    sql, params, names = entry
    values = iter(fetch(sql, params)[0])
    return [{name: next(values) for name in each} for each in names]


def fetch_as(sql: str, params, fields) -> list[tuple]:
    """fetch(), each column's value converted as the ORM converts what it reads for the model field at its place
    in `fields` (None: as read). PostgreSQL returns dates, times and booleans as such; SQLite returns text and
    0/1, which the ORM turns into dates, aware datetimes and booleans (and a field may convert its own values)."""
    return convert(fetch(sql, params), _converters(tuple(fields), connection.ops))


def instances(sql: str, params, *models, extra=()) -> list[tuple]:
    """The rows of `sql` made objects as the ORM makes them: its columns are each of `models`' concrete fields in
    their order, then one column for each of `extra` (the field to convert it as, or None: as read).

    Each row becomes a tuple of one object per model (Model.from_db, every value converted as fetch_as converts
    it; None for a model whose primary key is NULL, as select_related leaves an outer join that found nothing),
    then the extra columns' values.
    """
    fields = tuple(field for model in models for field in model._meta.concrete_fields)
    return _made(fetch_as(sql, params, (*fields, *extra)), models)


def _made(rows, models) -> list[tuple]:
    """`rows` (already converted) as instances() returns them."""
    layout = _layout(tuple(models))
    alias, end = connection.alias, layout[-1][3]
    return [(*(None if row[pk] is None else model.from_db(alias, names, row[start:stop])
               for model, names, start, stop, pk in layout), *row[end:]) for row in rows]


@functools.cache
def _layout(models):
    """(model, its concrete fields' attnames, first column, column after its last, its primary key's column) for
    each of `models`, whose columns follow one another."""
    layout, start = [], 0
    for model in models:
        fields = model._meta.concrete_fields
        layout.append((model, [field.attname for field in fields], start, start + len(fields),
                       start + fields.index(model._meta.pk)))
        start += len(fields)
    return tuple(layout)


def convert(rows, converters) -> list[tuple]:
    """`rows` with each (column's index, its expression, its converter functions) applied, as the ORM's compiler
    applies them to what it reads."""
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
            cache[alias] = sql, list(params), _stand_in_places(build.__name__, sql, params, stand_ins, optional)
        sql, params, places = cache[alias]
        params = list(params)
        for index, value, wrap in places:
            params[index] = wrap(values[value])
        return sql, params

    return run


def _stand_in_places(name, sql, params, stand_ins, optional=()):
    """[(index in params, index of the stand-in, its type)] of each stand-in among `params`. A stand-in written
    into the SQL itself, or one that is not a parameter (except at the `optional` positions), fails loudly."""
    if any(str(stand_in) in sql for stand_in in stand_ins):
        raise ValueError(f"{name}: a stand-in is written into the SQL: {sql}")
    # PostgreSQL's backend may wrap an id in its integer type (psycopg's Int4): the value gets the same.
    places = [(index, stand_ins.index(param), type(param)) for index, param in enumerate(params)
              if isinstance(param, int) and not isinstance(param, bool) and param in stand_ins]
    missing = set(range(len(stand_ins))) - set(optional) - {value for _index, value, _wrap in places}
    if missing:
        raise ValueError(f"{name}: stand-ins {sorted(missing)} are not parameters of {sql}")
    return places


def execute(sql: str, params) -> int:
    """Run one statement that returns no rows (an UPDATE); the number of rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
