"""Navigation entries for the signed-in user's role."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fuyuan.accounts.roles import Role

# (url name, label, roles that see it). Later apps add their entries here.
NAVIGATION = [
    ("home", _("Home"), None),
    ("units:list", _("Member units"), {Role.OFFICE, Role.LEADER}),
    ("units:roster", _("Roster"), {Role.OFFICE, Role.LEADER}),
    ("admin:accounts_user_changelist", _("Accounts"), {Role.SYSADMIN}),
    ("accounts_roles", _("Roles"), {Role.SECADMIN}),
    ("accounts_policy", _("Security policy"), {Role.SECADMIN}),
    ("audit:log", _("Audit log"), {Role.AUDITOR}),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    current = request.path
    items = []
    for name, label, roles in NAVIGATION:
        if roles is None or user.role in roles:
            url = reverse(name)
            active = current == url if name == "home" else current.startswith(url)
            items.append({"url": url, "label": label, "active": active})
    return {"nav_items": items}
