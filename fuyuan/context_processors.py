"""Navigation entries for the signed-in user's role."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fuyuan.accounts.roles import Role

# (url name, label, roles that see it). Later apps add their entries here.
NAVIGATION = [
    ("home", _("Home"), None),
    ("dashboard", _("Dashboard"), {Role.OFFICE, Role.LEADER}),
    ("assessment:page", _("Assessment"), {Role.OFFICE, Role.LEADER}),
    ("tasks:ledger", _("Supervision ledger"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("tasks:queue", _("Pending approvals"), {Role.OFFICE}),
    ("meetings:list", _("Joint meetings"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("suggestions:list", _("Suggestions"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("cases:list", _("Administrative cases"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("indicators:page", _("Indicators"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("messaging:list", _("Messages"), {Role.OFFICE}),
    ("units:list", _("Member units"), {Role.OFFICE, Role.LEADER}),
    ("units:roster", _("Roster"), {Role.OFFICE, Role.LEADER}),
    ("admin:accounts_user_changelist", _("Accounts"), {Role.SYSADMIN}),
    ("accounts_import", _("Import accounts"), {Role.SYSADMIN}),
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
            items.append({"url": url, "label": label, "active": False})
    # The entry with the longest URL that prefixes the path is the current one (/tasks/queue/ over /tasks/).
    matches = [item for item in items
               if current == item["url"] or (item["url"] != "/" and current.startswith(item["url"]))]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    from fuyuan.accounts.roles import ADMIN_ROLES

    if user.role in ADMIN_ROLES:  # 三员 have no business pages, notifications included
        return {"nav_items": items, "unread_count": 0, "is_administrator": True}
    return {"nav_items": items, "unread_count": _unread(user)}


def _unread(user):
    from tasks.models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).count()
