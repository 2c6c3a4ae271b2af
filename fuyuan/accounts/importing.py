"""Accounts from Excel, for setting up a new office: the system administrator's job, all or nothing.

Roles are not imported: under 三员分立 the security administrator grants them on /accounts/roles/.
Each new account gets a random first password, shown once, and must change it at the first sign-in.
"""

import secrets
import string

from django.db import transaction
from django.utils.translation import gettext as _

from fuyuan.lib.excel_read import read_table
from fuyuan.units.models import MemberUnit

from .models import User
from .roles import Role, has_role

HEADERS = {"用户名": "username", "账号": "username", "姓名": "full_name", "单位": "unit", "所在单位": "unit",
           "电话": "phone", "联系电话": "phone", "手机": "phone", "邮箱": "email", "电子邮箱": "email"}
REQUIRED = {"username": "用户名", "full_name": "姓名"}
LABELS = {"username": "用户名", "full_name": "姓名", "unit": "单位", "phone": "电话", "email": "邮箱"}


def validate(data: bytes):
    """(new accounts, [(row, column, message)]). Existing usernames are errors: accounts are never overwritten."""
    rows = read_table(data, HEADERS, REQUIRED)
    taken = set(User.objects.values_list("username", flat=True))
    seen, accounts, errors = set(), [], []
    for row in rows:
        number, username = row["row"], row.get("username", "")
        if username in taken or username in seen:
            errors.append((number, LABELS["username"], _("“%(name)s” already exists") % {"name": username}))
        seen.add(username)
        unit = None
        if row.get("unit"):
            unit = MemberUnit.objects.filter(active=True).matching(row["unit"]).first()
            if unit is None:
                errors.append((number, LABELS["unit"], _("no member unit “%(name)s”") % {"name": row["unit"]}))
        user = User(username=username, full_name=row.get("full_name", "")[:50], unit=unit,
                    phone=row.get("phone", "")[:30], email=row.get("email", ""), must_change_password=True)
        try:
            user.full_clean(exclude=["password"], validate_unique=False)
        except Exception as error:  # ValidationError
            for field, messages in getattr(error, "message_dict", {"username": [str(error)]}).items():
                errors.append((number, LABELS.get(field, field), "；".join(messages)))
        accounts.append(user)
    return accounts, errors


def first_password() -> str:
    """12 characters from four classes: passes the password policy, readable over the phone."""
    alphabet = [string.ascii_uppercase, string.ascii_lowercase, string.digits, "#@%+"]
    chars = [secrets.choice(group) for group in alphabet]
    chars += [secrets.choice("".join(alphabet)) for _ in range(8)]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


@transaction.atomic
def create_accounts(*, accounts, by, check_role=True) -> list[tuple[User, str]]:
    """Create every validated account with a first password; returns (account, password) to hand out once."""
    if check_role and not has_role(by, Role.SYSADMIN):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    created = []
    for user in accounts:
        password = first_password()
        user.set_password(password)
        user.must_change_password = True
        user.save()
        created.append((user, password))
    return created
