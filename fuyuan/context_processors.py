"""Navigation entries for the signed-in user's role, and the layout's links, texts and unread count.

This runs for every page, and for every fragment rendered with the request, so it does no work a page may not
need, and nothing twice that is the same for everyone: the addresses are reversed once per URL configuration,
the navigation's markup is rendered once per role, current entry and language (it depends on nothing else), the
layout's fixed texts once per language; the unread count is counted only when the layout shows it. What is kept
per process is derived from the code and the translations alone — never from a user's data — so every server
computes the same and nothing needs sharing between them.
"""

import functools

from django.conf import settings
from django.db import connection
from django.middleware.csp import get_nonce
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape, escapejs
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from fuyuan.accounts.roles import ADMIN_ROLES, Role

# (url name, label, roles that see it). Later apps add their entries here.
NAVIGATION = [
    ("home", _lazy("Home"), None),
    ("dashboard", _lazy("Dashboard"), {Role.OFFICE, Role.LEADER}),
    ("assessment:page", _lazy("Assessment"), {Role.OFFICE, Role.LEADER}),
    ("tasks:ledger", _lazy("Supervision ledger"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("tasks:queue", _lazy("Pending approvals"), {Role.OFFICE}),
    ("meetings:list", _lazy("Joint meetings"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("suggestions:list", _lazy("Suggestions"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("cases:list", _lazy("Administrative cases"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("indicators:page", _lazy("Indicators"), {Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER}),
    ("messaging:list", _lazy("Messages"), {Role.OFFICE}),
    ("units:list", _lazy("Member units"), {Role.OFFICE, Role.LEADER}),
    ("units:roster", _lazy("Roster"), {Role.OFFICE, Role.LEADER}),
    ("admin:accounts_user_changelist", _lazy("Accounts"), {Role.SYSADMIN}),
    ("accounts_import", _lazy("Import accounts"), {Role.SYSADMIN}),
    ("accounts_roles", _lazy("Roles"), {Role.SECADMIN}),
    ("accounts_policy", _lazy("Security policy"), {Role.SECADMIN}),
    ("audit:log", _lazy("Audit log"), {Role.AUDITOR}),
]


# The layout's own links (base.html: layout_urls.home, …), reversed with the navigation's.
LAYOUT_URLS = {"home": "home", "notifications": "tasks:notifications", "password_change": "password_change",
               "logout": "logout"}


@functools.lru_cache(maxsize=16)
def _reversed(script_prefix, urlconf):
    """The navigation's addresses by URL name and the layout's by key, for one script prefix and URLconf."""
    nav = {name: reverse(name, urlconf=urlconf) for name, _label, _roles in NAVIGATION}
    return nav, {key: reverse(name, urlconf=urlconf) for key, name in LAYOUT_URLS.items()}


@functools.lru_cache(maxsize=64)
def _role_entries(role, script_prefix, urlconf):
    """The role's navigation entries as (url, label)."""
    nav_urls, _layout = _reversed(script_prefix, urlconf)
    return tuple((nav_urls[name], label) for name, label, roles in NAVIGATION if roles is None or role in roles)


@functools.lru_cache(maxsize=512)
def _navigation_html(role, active, language, script_prefix, urlconf):
    """The role's navigation entries (templates/_layout_nav.html), entry number `active` marked current."""
    items = [{"url": url, "label": label, "active": index == active}
             for index, (url, label) in enumerate(_role_entries(role, script_prefix, urlconf))]
    return get_template("_layout_nav.html").render({"nav_items": items})


def _current(entries, path):
    """The entry with the longest URL that prefixes the path is the current one (/tasks/queue/ over /tasks/)."""
    current, length = None, -1
    for index, (url, _label) in enumerate(entries):
        if (path == url or (url != "/" and path.startswith(url))) and len(url) > length:
            current, length = index, len(url)
    return current


NONCE_STAND_IN = "\x00nonce\x00"  # no nonce (base64url) or address contains it


@functools.lru_cache(maxsize=16)
def _assets(script_prefix):
    """The layout's stylesheets and scripts (templates/_layout_assets.html), a stand-in where the nonce goes."""
    return get_template("_layout_assets.html").render({"csp_nonce": NONCE_STAND_IN})


def _assets_with_nonce(request, script_prefix):
    # str() draws the nonce, as {{ csp_nonce }} did: ContentSecurityPolicyMiddleware then names it in the header.
    return mark_safe(_assets(script_prefix).replace(NONCE_STAND_IN, escape(str(get_nonce(request)))))  # noqa: S308


@functools.lru_cache(maxsize=8)
def _phone_text(language):
    """The texts of the phone script (static/js/mobile.js), as the JSON the layout embeds."""
    texts = {"camera": _("Take a photo"), "search": _("Type a unit's name to add it"),
             "remove": _("Remove from the selection"), "chosen": _("{n} chosen"),
             "shrunk": _("Shrunk: {from} → {to}"), "more": _("Show more")}
    return mark_safe("{" + ", ".join(f'"{key}": "{escapejs(text)}"' for key, text in texts.items()) + "}")  # noqa: S308


@functools.lru_cache(maxsize=8)
def _layout_text(language):
    """base.html's fixed words, translated and escaped as {% translate %} printed them: once per language, where
    each {% translate %} tag cost ~70 calls on every page."""
    return {key: escape(text) for key, text in {
        "site": _("Fuyuan joint-linkage supervision platform"), "menu": _("Menu"), "notifications": _("Notifications"),
        "password_change": _("Change password"), "sign_out": _("Sign out"), "close": _("Close"),
        "print": _("Print this page")}.items()}


@functools.lru_cache(maxsize=32)
def _role_label(role, language):
    """The role's name as the layout shows it (user.get_role_display, or 'No role')."""
    return str(dict(Role.choices).get(role, role)) or _("No role")


def navigation(request):
    user = getattr(request, "user", None)
    prefix, urlconf, language = get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, get_language()
    _nav_urls, layout_urls = _reversed(prefix, urlconf)
    context = {"layout_urls": layout_urls, "layout_phone_text": _phone_text(language),
               "layout_text": _layout_text(language),
               # Lazy: a fragment rendered with the request does not draw a nonce it does not use.
               "layout_assets": SimpleLazyObject(lambda: _assets_with_nonce(request, prefix))}
    if user is None or not user.is_authenticated:
        return {**context, "nav_html": ""}
    entries = _role_entries(user.role, prefix, urlconf)
    context["nav_html"] = _navigation_html(user.role, _current(entries, request.path), language, prefix, urlconf)
    context["role_label"] = _role_label(user.role, language)
    if user.role in ADMIN_ROLES:  # 三员 have no business pages, notifications included
        return {**context, "unread_count": 0, "is_administrator": True}
    return {**context, "unread_count": SimpleLazyObject(lambda: _unread(user.pk))}


@functools.cache
def _unread_sql(vendor):
    from tasks.models import Notification

    table = connection.ops.quote_name(Notification._meta.db_table)
    return f"SELECT COUNT(*) FROM {table} WHERE user_id = %s AND read_at IS NULL"  # noqa: S608 (no user input)


def _unread(user_id):
    """The account's unread notifications: Notification.objects.filter(user=…, read_at=None).count() in plain SQL,
    since building that query through the ORM cost more than the rest of the layout's data (about 800 calls)."""
    with connection.cursor() as cursor:
        cursor.execute(_unread_sql(connection.vendor), [user_id])
        return cursor.fetchone()[0]
