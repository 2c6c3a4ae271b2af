"""The account backend: Django's ModelBackend, loading the signed-in account with its unit in one plain statement.

Every page's layout names the account's unit (base.html), so the unit is read with the account on each request
rather than by a second query. Through the ORM, `select_related("unit").get(pk=…)` cost ~1,700 Python calls a
request to compile and turn into objects — the largest share of what a signed-in request pays before its page; the
same SELECT written out once per database and turned into the same objects (Model.from_db, the fields' and the
backend's converters, as the ORM applies them) costs a tenth of that. Signing in, permissions and inactive
accounts are ModelBackend's; the session's auth hash is checked by django.contrib.auth on the account returned.
"""

import functools

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from fuyuan.lib.sql import instances


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        user = load_account(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def load_account(user_id):
    """The account `user_id` with its unit (`account.unit` costs no query), or None: what
    `User.objects.select_related("unit").get(pk=user_id)` returns, the same objects with the same values."""
    from .models import User

    using = router.db_for_read(User)
    connection = connections[using]
    unit_model = User._meta.get_field("unit").related_model
    # The values converted as the ORM converts them (SQLite's text dates, 0/1 booleans, JSON).
    rows = instances(_account_statement(using, connection.vendor),
                     [User._meta.pk.get_db_prep_value(user_id, connection)], User, unit_model)
    if not rows:
        return None
    user, unit = rows[0]
    user.unit = unit  # cached, as select_related leaves it (None: the account has no unit)
    return user


@functools.cache
def _account_statement(using, vendor):
    """The SELECT of an account joined to its unit (LEFT JOIN: an account may have none), every concrete column of
    both in model order: built once per database connection alias and vendor."""
    from .models import User

    connection = connections[using]
    quote = connection.ops.quote_name
    unit_field = User._meta.get_field("unit")
    unit_model = unit_field.related_model
    user_fields, unit_fields = tuple(User._meta.concrete_fields), tuple(unit_model._meta.concrete_fields)
    user_table, unit_table = quote(User._meta.db_table), quote(unit_model._meta.db_table)
    select = [f"{user_table}.{quote(f.column)}" for f in user_fields]
    select += [f"{unit_table}.{quote(f.column)}" for f in unit_fields]
    sql = (f"SELECT {', '.join(select)} FROM {user_table} LEFT OUTER JOIN {unit_table} "
           f"ON {user_table}.{quote(unit_field.column)} = {unit_table}.{quote(unit_field.target_field.column)} "
           f"WHERE {user_table}.{quote(User._meta.pk.column)} = %s")
    return sql
