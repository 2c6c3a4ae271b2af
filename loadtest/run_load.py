"""Load test: gunicorn on loopback against a demo database, locust headless, figures per page.

    python loadtest/run_load.py --database-url postgres://postgres@127.0.0.1:5432/fy_load \\
        [--users 50] [--spawn-rate 10] [--time 60] [--workers 3] [--port 8116]

Migrates and loads the demo into the given (existing, throw-away) database, starts gunicorn on
127.0.0.1 only, runs locust headless for a bounded time, prints requests/s and p50/p95/p99 per page,
then stops the server. Exits non-zero when any request failed. `--users 10 --time 20` is the CI version.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--time", type=int, default=60, help="seconds of load after the start")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8116)
    parser.add_argument("--skip-setup", action="store_true", help="the database already holds the demo")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is required: a throw-away database")
    env = {**os.environ, "DATABASE_URL": args.database_url, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",
           "SECURE_HSTS_SECONDS": "0", "EMAIL_URL": "consolemail://", "WHITENOISE_USE_FINDERS": "true",
           "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
           "SECRET_KEY": os.environ.get("SECRET_KEY") or "fuyuan-load-test-" + "x" * 40,
           # The demo's 50 simultaneous sign-ins would otherwise trip the lockout meant for attackers.
           "LOGIN_FAILURE_LIMIT": "1000"}
    python = sys.executable
    if not args.skip_setup:
        subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([python, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    # Signed-in users: one session per demo account, made here, so the figures measure the pages rather than
    # 50 simultaneous password hashes (sign-in floods are the lockout's business, not this test's).
    sessions = subprocess.run([python, "manage.py", "shell", "-c", SESSIONS_SCRIPT], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1]
    env["FUYUAN_LOAD_SESSIONS"] = sessions
    host = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen([python, "-m", "gunicorn", "fuyuan.wsgi:application", "-b", f"127.0.0.1:{args.port}",
                               "-w", str(args.workers), "--timeout", "120"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(host)
        with tempfile.TemporaryDirectory() as folder:
            prefix = f"{folder}/load"
            subprocess.run([python, "-m", "locust", "-f", str(ROOT / "loadtest" / "locustfile.py"), "--headless",
                            "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.time}s",
                            "--host", host, "--csv", prefix, "--only-summary", "--stop-timeout", "10"],
                           cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            failures = report(f"{prefix}_stats.csv", args)
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.exit(1 if failures else 0)


SESSIONS_SCRIPT = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from fuyuan.accounts.models import User
store = import_module(settings.SESSION_ENGINE).SessionStore
keys = {}
for user in User.objects.filter(username__in=["office", "leader", "gaj", "czj", "sfj", "scjgj", "glt"]):
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    keys[user.username] = session.session_key
print(json.dumps(keys))
"""


def wait_until_up(host, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{host}/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {host}")


def report(path, args) -> int:
    """Print one line per page and the total; return the number of failed requests."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    print(f"{args.users} users, {args.workers} gunicorn workers, {args.time} s, {os.cpu_count()} CPUs")
    print(f"{'page':34} {'requests':>8} {'fail':>5} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    failures = 0
    for row in rows:
        name = "TOTAL" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        failures += int(row["Failure Count"]) if row["Name"] == "Aggregated" else 0
        print(f"{name[:34]:34} {row['Request Count']:>8} {row['Failure Count']:>5} "
              f"{float(row['Requests/s']):7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}")
    return failures


if __name__ == "__main__":
    main()
