"""Locust users for Fuyuan: the office, leaders and liaisons browsing, filtering and reporting.

Run through `python loadtest/run_load.py` (which starts gunicorn on loopback against a demo database and
prints the figures); the demo accounts all use the password Fuyuan#2024.
"""

import json
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = "Fuyuan#2024"
TASK_IDS = re.compile(r'data-task="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Member(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    accounts = ()

    def on_start(self):
        self.username = random.choice(self.accounts)
        sessions = json.loads(os.environ.get("FUYUAN_LOAD_SESSIONS") or "{}")
        if self.username in sessions:
            # Signed in beforehand by run_load.py (one session per account, shared by its simulated users).
            self.client.cookies.set("sessionid", sessions[self.username], domain="127.0.0.1")
        else:
            page = self.client.get("/accounts/login/", name="login page").text
            self.client.post("/accounts/login/", name="sign in", data={
                "username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": CSRF.search(page)[1]})
        self.task_ids = [int(pk) for pk in TASK_IDS.findall(self.client.get("/tasks/", name="/tasks/").text)]

    def open_task(self):
        if self.task_ids:
            return self.client.get(f"/tasks/{random.choice(self.task_ids)}/", name="/tasks/[id]/")
        return None


class Office(Member):
    weight = 2
    accounts = ("office",)

    @task(3)
    def ledger(self):
        self.client.get("/tasks/", name="/tasks/")

    @task(2)
    def filtered(self):
        light = random.choice(["overdue", "due_soon", "on_track"])
        self.client.get(f"/tasks/?light={light}&sort=due", name="/tasks/?light=…")

    @task(1)
    def search(self):
        self.client.get("/tasks/?q=纠纷&missing=true", name="/tasks/?q=…")

    @task(2)
    def item(self):
        self.open_task()

    @task(1)
    def dashboard(self):
        self.client.get("/dashboard/", name="/dashboard/")

    @task(1)
    def home(self):
        self.client.get("/", name="/ (home)")


class Leader(Member):
    weight = 1
    accounts = ("leader",)

    @task(3)
    def dashboard(self):
        self.client.get("/dashboard/", name="/dashboard/")

    @task(2)
    def ledger(self):
        self.client.get("/tasks/?light=overdue", name="/tasks/?light=…")

    @task(1)
    def item(self):
        self.open_task()


class Liaison(Member):
    weight = 3
    accounts = ("gaj", "czj", "sfj", "scjgj", "glt")

    @task(3)
    def home(self):
        self.client.get("/", name="/ (home)")

    @task(2)
    def ledger(self):
        self.client.get("/tasks/", name="/tasks/")

    @task(3)
    def item(self):
        self.open_task()

    @task(1)
    def report(self):
        """进展报送 on one of the unit's items, for the period the form proposes."""
        response = self.open_task()
        if response is None:
            return
        csrf = CSRF.search(response.text)
        if "/report/" not in response.text or not csrf:
            return
        data = {"text": "本期工作进展：已按计划推进。", "csrfmiddlewaretoken": csrf[1]}
        period = re.search(r'<option value="([^"]+)" selected', response.text)
        if period:
            data["period_key"] = period[1]
        pk = re.search(r"/tasks/(\d+)/", response.url)[1]
        self.client.post(f"/tasks/{pk}/report/", data=data, name="/tasks/[id]/report/ (POST)")
