"""Plain SQL for the few small queries every list page runs, where building them through the ORM cost more
than running them (a 50-key IN list alone is ~50 calls per key to compile; measured on the ledger, the two
queries below took 2.2 and 1.4 ms through the ORM, 1.2 and 0.4 ms as plain statements).

Table and column names come from the models' _meta, quoted by the connection, so a renamed column fails here
as loudly as in the ORM; values are always parameters.
"""

import datetime

from django.core.signals import setting_changed
from django.db import connection


def name(model, field: str | None = None) -> str:
    """The quoted table of `model`, or the quoted column of its `field`."""
    meta = model._meta
    return connection.ops.quote_name(meta.get_field(field).column if field else meta.db_table)


def placeholders(values) -> str:
    """`%s, %s, …`: one parameter per value, for an IN list (never empty: callers return early)."""
    return ", ".join(["%s"] * len(values))


def fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def as_date(value):
    """A DATE column's value: a date on PostgreSQL, ISO text on SQLite."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def as_datetime(value):
    """A DATETIME column's value: aware on PostgreSQL; on SQLite the UTC Django stores (text, or a naive datetime
    where the column's declared type is parsed), made aware in UTC as Django's SQLite converter does with USE_TZ."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value
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


def compiled_rows(key, build) -> list[tuple]:
    """The rows of the values_list() queryset `build()` returns, from its SQL compiled once for `key`.

    Each value goes through the converters the ORM applies (SQLite's dates and booleans, for one).
    """
    key = _compiled_key(key)
    entry = _COMPILED.get(key)
    if entry is None:
        from django.core.exceptions import EmptyResultSet

        queryset = build()
        compiler = queryset.query.get_compiler(queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a filter that matches nothing (an empty IN list): no statement
            entry = (None, (), {})
        else:
            entry = (sql, tuple(params), compiler.get_converters([s[0] for s in compiler.select[:compiler.col_count]]))
        _remember(key, entry)
    sql, params, converters = entry
    if sql is None:
        return []
    rows = fetch(sql, params)
    if not converters:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for index, (functions, expression) in converters.items():
            value = row[index]
            for function in functions:
                value = function(value, expression, connection)
            row[index] = value
        out.append(tuple(row))
    return out


def compiled_objects(key, model, build) -> list:
    """The `model` objects of the queryset `build()` returns (every column, no select_related or annotation), from
    its SQL compiled once for `key`: each row made an object as the ORM makes it (Model.from_db)."""
    names = [field.attname for field in model._meta.concrete_fields]
    return [model.from_db(connection.alias, names, row)
            for row in compiled_rows(key, lambda: build().values_list(*names))]


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
