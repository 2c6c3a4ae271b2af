"""Navigation entries for the signed-in user's role, and the layout's links and unread count.

This runs for every page, and for every fragment rendered with the request, so it does no work a page may not
need: the addresses are reversed once per URL configuration (they take no arguments), and the unread count is
counted only when the layout shows it.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from fuyuan.accounts.roles import ADMIN_ROLES, Role

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


# The layout's own links (base.html: layout_urls.home, …), reversed with the navigation's.
LAYOUT_URLS = {"home": "home", "notifications": "tasks:notifications", "password_change": "password_change",
               "logout": "logout"}


@functools.lru_cache(maxsize=16)
def _reversed(script_prefix, urlconf):
    """The navigation's addresses by URL name and the layout's by key, for one script prefix and URLconf."""
    nav = {name: reverse(name, urlconf=urlconf) for name, _label, _roles in NAVIGATION}
    return nav, {key: reverse(name, urlconf=urlconf) for key, name in LAYOUT_URLS.items()}


def navigation(request):
    user = getattr(request, "user", None)
    nav_urls, layout_urls = _reversed(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "layout_urls": layout_urls}
    current = request.path
    items = [{"url": nav_urls[name], "label": label, "active": False}
             for name, label, roles in NAVIGATION if roles is None or user.role in roles]
    # The entry with the longest URL that prefixes the path is the current one (/tasks/queue/ over /tasks/).
    matches = [item for item in items
               if current == item["url"] or (item["url"] != "/" and current.startswith(item["url"]))]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    if user.role in ADMIN_ROLES:  # 三员 have no business pages, notifications included
        return {"nav_items": items, "layout_urls": layout_urls, "unread_count": 0, "is_administrator": True}
    return {"nav_items": items, "layout_urls": layout_urls, "unread_count": SimpleLazyObject(lambda: _unread(user))}


def _unread(user):
    from tasks.models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).count()
