"""Every page every role can open reads as Chinese: no untranslated English, no raw Python values.

The pages are the role matrix's GET patterns (tests/test_role_matrix.py) the role may open, plus detail pages of
the Wushen demo (items, meetings, suggestions, units, accounts). The audit log shows stored values on purpose
(its readable rendering is covered by its own tests), so there only the English leftovers are checked.
"""

import html.parser
import io
import re

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from fuyuan.accounts.models import User
from fuyuan.accounts.roles import Role
from tests.conftest import ROLE_USERS
from tests.test_role_matrix import ANY, EXPECTED, PUBLIC

# Whole text of an element or a button that is English Django or Python left behind.
EXACT = {"None", "True", "False", "Submit", "Save", "Search", "Delete", "Go", "Filter", "Yes", "No", "Cancel",
         "Edit", "Add", "Back", "Next", "Previous", "Show", "Close"}
CONTAINS = ("Select an option", "---------")
REPRS = ("{'", "∅", ".None", "<QuerySet", "object at 0x", "<built-in", "[<")
# An untranslated source string: two or more lower-case English words ("Record attendance", "Not recorded").
ENGLISH_PHRASE = re.compile(r"^[A-Z]?[a-z]+(?:[ -][a-z]+)+[.:]?$")
# Text that is English by nature: technical names the page prints as data.
ALLOWED = {"text/plain"}


class Texts(html.parser.HTMLParser):
    """The text a reader sees: text nodes (outside script/style) and the labels of buttons and options."""

    def __init__(self):
        super().__init__()
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])
        for name in ("placeholder", "title", "aria-label"):
            if attrs.get(name):
                self.texts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def problems(page, check_reprs=True):
    parser = Texts()
    parser.feed(page)
    found = []
    for text in parser.texts:
        if text in EXACT or any(c in text for c in CONTAINS) or ENGLISH_PHRASE.match(text) and text not in ALLOWED:
            found.append(text)
        elif check_reprs and any(r in text for r in REPRS):
            found.append(text)
    return found


def demo_urls(world, user):
    """A few detail pages of the demo the user can see."""
    from meetings.models import Meeting
    from suggestions.models import Suggestion
    from tasks.models import Task

    urls = [t.get_absolute_url() for t in Task.objects.visible_to(user).order_by("pk")[:4]]
    urls += [reverse("meetings:detail", args=[m.pk]) for m in Meeting.objects.visible_to(user).order_by("pk")[:2]]
    urls += [f"/meetings/{m.pk}/minutes/" for m in Meeting.objects.visible_to(user).exclude(minutes="")[:1]]
    urls += [s.get_absolute_url() for s in Suggestion.objects.visible_to(user).order_by("pk")[:3]]
    if user.role == Role.OFFICE:
        urls.append(reverse("units:edit", args=[world.unit("旗公安局").pk]))
    if user.role == Role.SECADMIN:
        urls.append(reverse("accounts_role_edit", args=[world.user("czj").pk]))
    if user.role == Role.SYSADMIN:
        urls += [reverse("admin:accounts_user_change", args=[world.user("czj").pk]),
                 reverse("admin:axes_accessattempt_changelist")]
    return urls


def pattern_urls(role):
    for name, (allowed, kwargs_of, method) in EXPECTED.items():
        if method == "get" and kwargs_of is None and (allowed in (ANY, PUBLIC) or role in allowed):
            url = reverse(name)
            # Pages only: downloads are checked by their own tests, as their readers see them.
            if name not in ("admin:jsi18n", "logout", "admin:logout") and not url.endswith((".xlsx", ".docx")):
                yield url


def test_every_page_of_every_role_reads_chinese(world):
    call_command("load_demo", stdout=io.StringIO())
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(username="czj", ip_address="10.0.0.9", failures_since_start=5, get_data="",
                                 post_data="")
    # load_demo refreshes the accounts: sign in with the stored rows, not the fixture's copies.
    usernames = {**{role: username for role, username in ROLE_USERS.items()}, "procuratorate": "procuratorate"}
    found, seen = {}, 0
    for role, username in usernames.items():
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for url in sorted(set(pattern_urls(role if role in Role else Role.ISSUER)) | set(demo_urls(world, user))):
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            seen += 1
            wrong = problems(response.content.decode(), check_reprs=not url.startswith("/audit/"))
            if wrong:
                found[f"{user.username} {url}"] = sorted(set(wrong))[:8]
    assert seen > 100
    assert not found, "English or raw values on pages:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())
