"""Locust users for Fuyuan: the office, leaders and liaisons browsing, filtering and reporting.

Run through `python loadtest/run_load.py` (which starts gunicorn on loopback against a demo database and
prints the figures); the demo accounts all use the password Fuyuan#2024.

The load profile, stated:
- Arrivals: every simulated user starts a task at the moments of a Poisson process of one a second — the gap
  from one task's start to the next is drawn from an exponential distribution with a mean of one second (the
  wait after a task is that gap minus the time it took, or none) — and its first task comes at a random moment
  of its first second. So 50 users ask for ~50 tasks a second, each on its own clock, as independent people
  do: the rate the capacity goal implies. A person clicks far less often (one page every 10–30 s), so 50 such
  users stand for the busy minutes of several hundred people. When the server falls behind, each user waits for
  its answer before the next click (a closed model), and requests/s shows what the server managed.
  `FUYUAN_LOAD_ARRIVALS=lockstep` (run_load.py --arrivals lockstep) is the harsher case instead: every user
  starts a task on the same whole second, every second (`constant_throughput(1)`, all users spawned at once),
  so the server gets all 50 requests at the same instant and the last waits for the 49 before it.
- Mix: office (2 in 6 users) on the ledger, its filters and search, items, the dashboard and its home page;
  leaders (1 in 6) on the dashboard, the overdue ledger and items; liaisons (3 in 6) on their home page, their
  ledger, their items and a 进展报送 (the item's page, then the report POST), about one report in 9 tasks.
- A request counts as failed unless it is answered 200 with the signed-in layout (a redirect to the sign-in or
  second-factor page is a failure, not a page), and the report POST unless it is answered with the redirect
  back to the item.
- FastHttpUser (geventhttpclient): locust runs on the same two cores as the server, and its CPU per request is
  a fraction of the requests-based HttpUser's; run_load.py prints what it used.
"""

import json
import os
import random
import re
import time
from http.cookiejar import Cookie

import gevent
from locust import FastHttpUser, constant_throughput, task

PASSWORD = "Fuyuan#2024"
TASK_IDS = re.compile(r'data-task="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGNED_IN = 'data-testid="whoami"'
LOCKSTEP = os.environ.get("FUYUAN_LOAD_ARRIVALS") == "lockstep"


def poisson_pacing(rate):
    """A wait_time: task starts at the moments of a Poisson process of `rate` a second (exponential gaps counted
    from the previous task's start; no wait when the task took longer than its gap)."""

    def wait_time(user):
        started = getattr(user, "task_started", None)
        gap = random.expovariate(rate)
        now = time.monotonic()
        wait = gap if started is None else max(0.0, started + gap - now)
        user.task_started = now + wait
        return wait

    return wait_time


def session_cookie(key):
    return Cookie(0, "sessionid", key, None, False, "127.0.0.1", True, False, "/", True, False, None, True, None,
                  None, {})


class Member(FastHttpUser):
    abstract = True
    wait_time = constant_throughput(1) if LOCKSTEP else poisson_pacing(1)
    accounts = ()

    def on_start(self):
        if not LOCKSTEP:
            gevent.sleep(random.random())  # each user's first task at its own moment of the first second
            self.task_started = time.monotonic()
        self.username = random.choice(self.accounts)
        prepared = json.loads(os.environ.get("FUYUAN_LOAD_SESSIONS") or "{}")
        sessions = prepared.get("sessions", {})
        if self.username in sessions:
            # Signed in beforehand by run_load.py (one session per account, shared by its simulated users).
            self.client.cookiejar.set_cookie(session_cookie(sessions[self.username]))
        else:
            page = self.client.get("/accounts/login/", name="login page").text
            self.client.post("/accounts/login/", name="sign in", data={
                "username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": CSRF.search(page)[1]})
        # The items this account may open: prepared by run_load.py (the same the ledger lists), so the run does
        # not begin with every user asking for the ledger at once; read from the ledger when not prepared.
        self.task_ids = prepared.get("tasks", {}).get(self.username) or [
            int(pk) for pk in TASK_IDS.findall(self.page("/tasks/", "/tasks/") or "")]

    def page(self, path, name):
        """GET a page; it counts as answered only with 200 and the signed-in layout. Returns its text."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
                return None
            text = response.text
            if SIGNED_IN not in text:
                response.failure("not the signed-in layout")
                return None
            return text

    def open_task(self):
        if not self.task_ids:
            return None, None
        pk = random.choice(self.task_ids)
        return pk, self.page(f"/tasks/{pk}/", "/tasks/[id]/")


class Office(Member):
    weight = 2
    accounts = ("office",)

    @task(3)
    def ledger(self):
        self.page("/tasks/", "/tasks/")

    @task(2)
    def filtered(self):
        light = random.choice(["overdue", "due_soon", "on_track"])
        self.page(f"/tasks/?light={light}&sort=due", "/tasks/?light=…")

    @task(1)
    def search(self):
        self.page("/tasks/?q=纠纷&missing=true", "/tasks/?q=…")

    @task(2)
    def item(self):
        self.open_task()

    @task(1)
    def dashboard(self):
        self.page("/dashboard/", "/dashboard/")

    @task(1)
    def home(self):
        self.page("/", "/ (home)")


class Leader(Member):
    weight = 1
    accounts = ("leader",)

    @task(3)
    def dashboard(self):
        self.page("/dashboard/", "/dashboard/")

    @task(2)
    def ledger(self):
        self.page("/tasks/?light=overdue", "/tasks/?light=…")

    @task(1)
    def item(self):
        self.open_task()


class Liaison(Member):
    weight = 3
    accounts = ("gaj", "czj", "sfj", "scjgj", "glt")

    @task(3)
    def home(self):
        self.page("/", "/ (home)")

    @task(2)
    def ledger(self):
        self.page("/tasks/", "/tasks/")

    @task(3)
    def item(self):
        self.open_task()

    @task(1)
    def report(self):
        """进展报送 on one of the unit's items, for the period the form proposes."""
        pk, text = self.open_task()
        if not text:
            return
        csrf = CSRF.search(text)
        if f"/tasks/{pk}/report/" not in text or not csrf:
            return  # nothing to report on this item (closed, or not this unit's to report)
        data = {"text": "本期工作进展：已按计划推进。", "csrfmiddlewaretoken": csrf[1]}
        period = re.search(r'<option value="([^"]+)" selected', text)
        if period:
            data["period_key"] = period[1]
        with self.client.post(f"/tasks/{pk}/report/", data=data, name="/tasks/[id]/report/ (POST)",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302 or f"/tasks/{pk}/" not in response.headers.get("Location", ""):
                response.failure(f"{response.status_code}: the report was not accepted")
