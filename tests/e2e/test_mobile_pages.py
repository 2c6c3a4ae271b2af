"""Every page a liaison, an issuer and a leader reach, on a phone at 360, 390 and 414 px.

A page fails when it scrolls sideways (the document is wider than the viewport), when its primary action
(marked `data-primary` in the templates: the unit's pending action, the meeting reply, the counts that
filter) is not on the first screen, when a control is under 44 px high, or when a tooltip (`title`) holds
information the page does not show. Each page is loaded once at 390 px (and photographed), then resized.
"""

import re
import time
from pathlib import Path

from django.core.management import call_command
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from fuyuan.accounts.roles import Role
from meetings.models import Invitation, Meeting
from suggestions.models import Suggestion
from tasks.models import Task
from tests.e2e.conftest import SHOTS, sign_in
from tests.test_role_matrix import EXPECTED, PUBLIC

WIDTHS = (360, 390, 414)
HEIGHT = 844
PHONE = {"viewport": {"width": 390, "height": HEIGHT}, "has_touch": True, "is_mobile": True, "locale": "zh-CN",
         "timezone_id": "Asia/Shanghai"}
ROLES = {"gaj": Role.LIAISON, "court": Role.ISSUER, "leader": Role.LEADER}
# Downloads and documents meant for paper are not pages to read on a phone.
DOWNLOAD = re.compile(r"\.(?:docx|xlsx|pdf|zip)(?:\?|$)")
NOT_PAGES = re.compile(r"export|docx|attachment|preview|notification_open|document")
# Pages of one kind to visit per role: enough to see each layout (an item to sign, in progress, closed…),
# cheap enough for CI; list pages once (not each ?light= filter).
PER_KIND = {"tasks:detail": 4, "meetings:detail": 2, "suggestions:detail": 2}

MEASURE = """() => {
  const primary = document.querySelector('[data-primary]');
  const box = primary && primary.getBoundingClientRect();
  const small = [...document.querySelectorAll('main .btn, main .form-control, main .form-select, main summary')]
    .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height < 43.5)
    .map(el => (el.outerHTML || '').slice(0, 80));
  // A title attribute is a tooltip: information there must also be on the page, or a finger never sees it.
  const hoverOnly = [...document.querySelectorAll('main [title]')]
    .filter(el => !(el.textContent || '').includes(el.getAttribute('title').trim()))
    .filter(el => !(el.nextElementSibling && el.nextElementSibling.matches('button.fy-more')))
    .map(el => el.getAttribute('title'));
  return {width: document.documentElement.scrollWidth, primary: primary && primary.dataset.primary,
          primaryTop: box ? box.top + window.scrollY : null, small: small, hoverOnly: hoverOnly};
}"""


def pages_for(username, role):
    """The list pages the access table grants the role, then the demo's detail pages that role can open."""
    urls = []
    for name, (allowed, kwargs_of, method) in EXPECTED.items():
        if method != "get" or kwargs_of or allowed == PUBLIC or role not in allowed or NOT_PAGES.search(name):
            continue
        if name.startswith("admin:") or name in ("login", "logout"):
            continue
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue
    from fuyuan.accounts.models import User

    user = User.objects.get(username=username)
    tasks = Task.objects.visible_to(user).order_by("status", "pk")
    seen = set()
    for task in tasks:  # one item per status: to sign, in progress, closure requested, closed, sent back...
        if task.status not in seen:
            seen.add(task.status)
            urls.append(f"/tasks/{task.pk}/")
    meetings = Meeting.objects.all()
    if user.unit_id:
        meetings = meetings.filter(pk__in=Invitation.objects.filter(unit=user.unit).values("meeting"))
    urls += [f"/meetings/{m.pk}/" for m in meetings.order_by("-starts_at")[:2]]
    suggestions = Suggestion.objects.all()
    if role == Role.LIAISON:
        suggestions = suggestions.filter(addressee=user.unit)
    elif role == Role.ISSUER:
        suggestions = suggestions.filter(issuer=user.unit)
    urls += [f"/suggestions/{s.pk}/" for s in suggestions.order_by("status", "pk")[:2]]
    return list(dict.fromkeys(urls))


def home_links(page, live_server):
    """Same-site links on the home page that open pages (not downloads)."""
    hrefs = page.eval_on_selector_all("main a[href^='/'], nav a[href^='/']",
                                      "els => els.map(e => e.getAttribute('href'))")
    found = []
    for href in hrefs:
        path = href.split("#")[0]
        try:
            match = resolve(path.split("?")[0])
        except Resolver404:
            continue
        if not NOT_PAGES.search(match.url_name or "") and path:
            found.append(path)
    return found


def slug(url):
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"


def test_every_page_of_liaison_issuer_and_leader_fits_a_phone(browser, live_server, transactional_db):
    started = time.monotonic()
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    print(f"demo {time.monotonic() - started:.0f} s")
    folder = SHOTS / "mobile"
    folder.mkdir(parents=True, exist_ok=True)
    problems, visited = [], 0
    for username, role in ROLES.items():
        context = browser.new_context(**PHONE)
        page = context.new_page()
        sign_in(page, live_server, username)
        urls = list(dict.fromkeys(["/"] + pages_for(username, role) + home_links(page, live_server)))
        urls = [url for url in urls if not DOWNLOAD.search(url)]  # files open in Word or Excel, not on a page
        kinds = {}
        for url in urls:
            kind = resolve(url.split("?")[0]).view_name
            kinds[kind] = kinds.get(kind, 0) + 1
            if kinds[kind] > PER_KIND.get(kind, 1):  # a few pages of one kind show its layout
                continue
            page.set_viewport_size({"width": 390, "height": HEIGHT})
            response = page.goto(f"{live_server.url}{url}")
            assert response.ok, f"{username} {url}: HTTP {response.status}"
            visited += 1
            page.screenshot(path=str(folder / f"{username}-{slug(url)}.png"), full_page=True)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                # Measure the settled layout, as a user sees it: after the resize handlers (charts) have run.
                page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
                page.evaluate("window.scrollTo(0, 0)")
                seen = page.evaluate(MEASURE)
                if seen["width"] > width:
                    problems.append(f"{username} {url} @{width}px: page is {seen['width']} px wide")
                if seen["primary"] and seen["primaryTop"] > HEIGHT - 44:
                    problems.append(f"{username} {url} @{width}px: {seen['primary']} starts at "
                                    f"{seen['primaryTop']:.0f} px, below the first screen")
                if width == 390 and seen["small"]:
                    problems.append(f"{username} {url}: controls under 44 px: {seen['small'][:3]}")
                if width == 390 and seen["hoverOnly"]:
                    problems.append(f"{username} {url}: information only on hover: {seen['hoverOnly'][:3]}")
        context.close()
    print(f"{visited} pages, {time.monotonic() - started:.0f} s")
    assert visited >= 30, f"only {visited} pages visited"
    assert not problems, "\n".join(problems)
    assert Path(folder / "gaj-home.png").exists()
