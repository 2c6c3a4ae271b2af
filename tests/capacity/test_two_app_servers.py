"""Two app servers in front of one PostgreSQL behave as one: nothing lives in a server's memory.

Starts two gunicorn processes on loopback ports against the test database: a user signs in on one and
continues on the other, signs out on one and is signed out on the other, uploads on one and downloads from
the other; failed sign-ins spread over both lock the account on both; the daily scan started on both at once
sends each reminder once. PostgreSQL only (SQLite is a one-server installation).
"""

import datetime
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Fuyuan#2024-two-servers"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env():
    db = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env["CONN_MAX_AGE"] = "0"
    return env


@pytest.fixture
def servers():
    """Two gunicorn servers (one worker each) on loopback: their base URLs."""
    if connection.vendor != "postgresql":
        pytest.skip("several app servers need PostgreSQL")
    processes, urls = [], []
    for _ in range(2):
        port = free_port()
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "fuyuan.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1",
             "--timeout", "60"], cwd=ROOT, env=server_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_until_up(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/accounts/login/", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not start")


@pytest.fixture
def office_and_liaison(transactional_db):
    from fuyuan.accounts.models import User
    from fuyuan.accounts.roles import Role
    from fuyuan.units.models import MemberUnit
    from tasks import services
    from tasks.models import Origin

    unit = MemberUnit.objects.create(name="旗公安局", kind="department")
    # A real hasher the servers know (the tests' fast one is not in their settings), with few iterations.
    password = PBKDF2PasswordHasher().encode(PASSWORD, "twoservers", iterations=1000)
    common = {"password": password, "must_change_password": False, "password_changed_at": timezone.now()}
    office = User.objects.create(username="office2", role=Role.OFFICE, full_name="联席办", **common)
    User.objects.create(username="gaj2", role=Role.LIAISON, unit=unit, full_name="联络员", email="gaj@example.cn",
                        **common)
    today = timezone.localdate()
    tasks = []
    for days in (-3, 2, 40):  # overdue, due soon, on track: two reminders due
        task = services.create_task(by=office, origin=Origin.ADHOC, title=f"事项{days}", lead_units=[unit],
                                    due_date=today + datetime.timedelta(days=days))
        services.assign(task=task, by=office, today=today - datetime.timedelta(days=30))
        tasks.append(task)
    return tasks


def attempt(url, username, password, session=None):
    session = session or requests.Session()
    page = session.get(f"{url}/accounts/login/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    return session, session.post(f"{url}/accounts/login/", timeout=30, headers={"Referer": f"{url}/accounts/login/"},
                                 data={"username": username, "password": password, "csrfmiddlewaretoken": token})


def sign_in(url, username):
    session, response = attempt(url, username, PASSWORD)
    assert response.status_code == 200 and "/accounts/login/" not in response.url, response.url
    return session


def test_sign_in_on_one_continue_on_the_other(servers, office_and_liaison):
    first, second = servers
    session = sign_in(first, "gaj2")
    page = session.get(f"{second}/tasks/", timeout=30)
    assert page.status_code == 200 and "/accounts/login/" not in page.url
    assert "事项-3" in page.text


def test_failed_sign_ins_on_both_servers_lock_the_account_on_both(servers, office_and_liaison, settings):
    """The lockout counter lives in the database: failures spread over two servers add up."""
    first, second = servers
    limit = settings.AXES_FAILURE_LIMIT
    for number in range(1, limit + 1):
        _session, response = attempt((first, second)[number % 2], "gaj2", "wrong-password")
        # The form again, until the failure that reaches the limit locks the account (axes answers 429).
        assert response.status_code == (429 if number == limit else 200), number
    for url in servers:  # the right password no longer helps, on either server
        _session, response = attempt(url, "gaj2", PASSWORD)
        assert response.status_code == 429, url


def test_signing_out_on_one_ends_the_session_on_the_other(servers, office_and_liaison):
    first, second = servers
    session = sign_in(first, "gaj2")
    page = session.get(f"{second}/tasks/", timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    session.post(f"{second}/accounts/logout/", data={"csrfmiddlewaretoken": token}, timeout=30,
                 headers={"Referer": f"{second}/tasks/"})
    assert "/accounts/login/" in session.get(f"{first}/tasks/", timeout=30).url


def test_upload_on_one_download_from_the_other(servers, office_and_liaison):
    first, second = servers
    task = office_and_liaison[0]
    session = sign_in(first, "gaj2")
    form = session.get(f"{first}/tasks/{task.pk}/", timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    # A PDF: the upload policy accepts office documents by content, not a .txt (tests/security/test_upload_policy.py).
    content = b"%PDF-1.4\n%" + "进展材料：两台服务器共享同一存储。\n".encode() * 100 + b"%%EOF\n"
    response = session.post(f"{first}/tasks/{task.pk}/report/", timeout=30,
                            headers={"Referer": f"{first}/tasks/{task.pk}/"},
                            data={"text": "已完成阶段工作", "csrfmiddlewaretoken": token},
                            files={"attachments": ("进展.pdf", content, "application/pdf")})
    assert response.status_code == 200
    page = session.get(f"{second}/tasks/{task.pk}/", timeout=30).text
    link = re.search(rf'href="(/tasks/{task.pk}/files/\d+/)"', page)[1]
    download = session.get(f"{second}{link}", timeout=30)
    assert download.status_code == 200 and download.content == content


def test_a_scan_started_on_both_sends_each_reminder_once(office_and_liaison):
    """Both servers' cron lines start the scan at the same moment (the command, not a request)."""
    from tasks.models import Notification, Reminder

    if connection.vendor != "postgresql":
        pytest.skip("several app servers need PostgreSQL")
    scans = [subprocess.Popen([sys.executable, "manage.py", "scan_deadlines"], cwd=ROOT, env=server_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [scan.communicate(timeout=120) for scan in scans]
    assert all(scan.returncode == 0 for scan in scans), outputs
    sent = [int(re.search(r"sent (\d+) reminders", out)[1]) for out, _err in outputs]
    assert sorted(sent) == [0, 2]
    assert Reminder.objects.count() == 2
    assert Notification.objects.filter(reminder__isnull=False).count() == 2
