"""Account changes that carry rules: role assignment (security admin only), administrators kept apart."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .models import User
from .roles import ADMIN_ROLES, UNIT_ROLES, Role, has_role


class AccountRefused(Exception):
    """A refused account change; the message is shown to the user."""


@transaction.atomic
def assign_role(*, account: User, role: str, unit, by: User) -> User:
    """Give an account its role (and unit for liaisons and issuers); the security admin's job alone."""
    if not has_role(by, Role.SECADMIN):
        raise PermissionDenied
    if account.pk == by.pk:
        raise AccountRefused(_("Administrators cannot change their own role."))
    if account.role in ADMIN_ROLES or role in ADMIN_ROLES:
        # 三员分立: an administrator's role is neither given nor taken away by one person on the web; the three
        # accounts are set up from the server console (README, Security), and never hold a business role.
        raise AccountRefused(_("Administrator roles cannot be given or changed here; an administrator account "
                               "never holds a business role."))
    if role in UNIT_ROLES and unit is None:
        raise AccountRefused(_("Liaisons and issuers must belong to a member unit."))
    if role == Role.ISSUER and unit is not None and unit.kind not in ("court", "procuratorate"):
        raise AccountRefused(_("Issuers belong to a court or a procuratorate."))
    account = User.objects.select_for_update().get(pk=account.pk)
    account.role = role
    account.unit = unit
    account.full_clean()
    account.save(update_fields=["role", "unit"])
    return account


def is_other_administrator(by, account) -> bool:
    """True when `account` is one of the three administrators and not `by` itself."""
    return account is not None and account.pk != getattr(by, "pk", None) and account.role in ADMIN_ROLES
