"""Load test: gunicorn on loopback against a demo database, locust headless, figures per page.

    python loadtest/run_load.py --database-url postgres://postgres@127.0.0.1:5432/fy_load \\
        [--users 50] [--time 60] [--arrivals poisson|lockstep] [--spawn-rate N] [--workers N] [--threads 1]
        [--port 8116] [--redis-url …]

Migrates and loads the demo into the given (existing, throw-away) database, starts gunicorn on
127.0.0.1 only (gunicorn.conf.py, with --workers/--threads when given), runs locust headless for a bounded
time (loadtest/locustfile.py states the arrivals and the mix; every user is started at once, each then
begins at its own moment of the first second, so the figures hold no ramp), prints requests/s and p50/p95/p99 per page,
then the CPU each side used per request — the application's workers, their PostgreSQL backends and locust
itself (same machine) — and how busy the machine was, then stops the server. Exits non-zero when any request
failed. `--skip-setup --users 10 --time 20 --workers 2` is the CI version.
"""

import argparse
import csv
import json
import os
import resource
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
    parser.add_argument("--spawn-rate", type=float, default=0, help="users started a second (default: all at once)")
    parser.add_argument("--arrivals", choices=("poisson", "lockstep"), default="poisson",
                        help="each user on its own Poisson clock (default), or all users on the same second")
    parser.add_argument("--time", type=int, default=60, help="seconds of load after the start")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, default=0, help="threads per worker (gthread; default: 1)")
    parser.add_argument("--redis-url", default="", help="REDIS_URL for the server: cache and sessions in Redis")
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
           "LOGIN_FAILURE_LIMIT": "1000", "FUYUAN_LOAD_ARRIVALS": args.arrivals}
    if args.redis_url:
        env.update(REDIS_URL=args.redis_url, CACHE_KEY_PREFIX="fuyuan-load")
    python = sys.executable
    if not args.skip_setup:
        subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([python, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    # Signed-in users: one session per demo account, made here, so the figures measure the pages rather than
    # 50 simultaneous password hashes (sign-in floods are the lockout's business, not this test's).
    sessions = subprocess.run([python, str(ROOT / "loadtest" / "sessions.py")], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1]
    env["FUYUAN_LOAD_SESSIONS"] = sessions
    prepared = json.loads(sessions)
    host = f"http://127.0.0.1:{args.port}"
    command = [python, "-m", "gunicorn", "fuyuan.wsgi:application", "-c", str(ROOT / "gunicorn.conf.py"),
               "-b", f"127.0.0.1:{args.port}", "--timeout", "120", "--max-requests", "0"]
    if args.workers:
        command += ["-w", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads), "-k", "gthread" if args.threads > 1 else "sync"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(host)
        warm_up(host, prepared, server_config(server.pid))
        args.load_before = os.getloadavg()[0]
        cpu = CpuMeter(server.pid, args.database_url)
        with tempfile.TemporaryDirectory() as folder:
            prefix = f"{folder}/load"
            subprocess.run([python, "-m", "locust", "-f", str(ROOT / "loadtest" / "locustfile.py"), "--headless",
                            "-u", str(args.users), "-r", str(args.spawn_rate or args.users), "-t", f"{args.time}s",
                            "--host", host, "--csv", prefix, "--only-summary", "--stop-timeout", "10"],
                           cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            used = cpu.stop()
            failures, requests = report(f"{prefix}_stats.csv", args, server_config(server.pid))
            report_cpu(used, requests)
            report_failures(f"{prefix}_failures.csv")
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.exit(1 if failures else 0)


class CpuMeter:
    """CPU seconds used during the run by gunicorn's workers, their PostgreSQL backends, locust and the machine."""

    def __init__(self, server_pid, database_url):
        import psutil

        self.psutil = psutil
        self.server = psutil.Process(server_pid)
        self.database_url = database_url
        self.locust_before = self._children_cpu()
        self.machine_before = psutil.cpu_times()
        self.app_before = self._app()
        self.db_before = self._db()

    def _children_cpu(self):
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    @staticmethod
    def _cpu(process):
        times = process.cpu_times()
        return times.user + times.system

    def _app(self):
        return {p.pid: self._cpu(p) for p in [self.server, *self.server.children(recursive=True)]}

    def _db(self):
        """Per backend of this database: the server's connections (persistent per worker) are what we see."""
        import psycopg

        try:
            with psycopg.connect(self.database_url, connect_timeout=5) as connection:
                pids = [row[0] for row in connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    " AND backend_type = 'client backend'")]
        except psycopg.Error:
            return {}
        times = {}
        for pid in pids:
            try:
                times[pid] = self._cpu(self.psutil.Process(pid))
            except self.psutil.Error:
                pass
        return times

    def stop(self):
        app, db = self._app(), self._db()
        machine = self.psutil.cpu_times()
        busy = sum(getattr(machine, f) - getattr(self.machine_before, f)
                   for f in ("user", "nice", "system", "irq", "softirq", "steal") if hasattr(machine, f))
        idle = sum(getattr(machine, f) - getattr(self.machine_before, f) for f in ("idle", "iowait")
                   if hasattr(machine, f))
        return {
            "app": sum(t - self.app_before.get(pid, 0.0) for pid, t in app.items()),
            "db": sum(t - self.db_before.get(pid, 0.0) for pid, t in db.items()),
            "locust": self._children_cpu() - self.locust_before,
            "machine_busy": busy, "machine_total": busy + idle,
        }


def server_config(pid):
    import psutil

    workers = psutil.Process(pid).children()
    threads = max((w.num_threads() for w in workers), default=1)
    return f"{len(workers)} gunicorn workers" + (f" × {threads} threads" if threads > 1 else " (sync)")


def warm_up(host, prepared, config):
    """A few rounds of each page before the clock starts, so that every worker has compiled its templates and
    opened its database connection, as a server that has been up for a while has (not counted in the figures)."""
    workers = int(config.split()[0])
    pages = {"office": ["/", "/tasks/", "/dashboard/"], "leader": ["/dashboard/"], "gaj": ["/", "/tasks/"]}
    for _round in range(2 * workers):
        for account, paths in pages.items():
            key = prepared["sessions"].get(account)
            items = prepared["tasks"].get(account, [])[:1]
            for path in [*paths, *(f"/tasks/{pk}/" for pk in items)]:
                request = urllib.request.Request(f"{host}{path}", headers={"Cookie": f"sessionid={key}"})
                try:
                    urllib.request.urlopen(request, timeout=120).read()
                except OSError:
                    pass


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


def report(path, args, config) -> tuple[int, int]:
    """Print one line per page and the total; return the number of failed requests and of all requests."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    arrivals = "Poisson arrivals" if args.arrivals == "poisson" else "in lockstep"
    print(f"{args.users} users at one task a second each ({arrivals}), {config}, {args.time} s, "
          f"{os.cpu_count()} CPUs{', Redis' if args.redis_url else ''}, load average before: {args.load_before:.1f}")
    print(f"{'page':34} {'requests':>8} {'fail':>5} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    failures = requests = 0
    for row in rows:
        name = "TOTAL" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        if row["Name"] == "Aggregated":
            failures, requests = int(row["Failure Count"]), int(row["Request Count"])
        print(f"{name[:34]:34} {row['Request Count']:>8} {row['Failure Count']:>5} "
              f"{float(row['Requests/s']):7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}")
    return failures, requests


def report_cpu(used, requests):
    """CPU per request on each side: what decides the requests/s two cores can give, whatever else runs."""
    if not requests:
        return
    per = {key: used[key] / requests * 1000 for key in ("app", "db", "locust")}
    cpus = os.cpu_count() or 1
    print(f"CPU per request: application {per['app']:.1f} ms, PostgreSQL {per['db']:.1f} ms, "
          f"locust {per['locust']:.1f} ms (its own start included)")
    if used["machine_total"]:
        ours = used["app"] + used["db"] + used["locust"]
        print(f"Machine: {used['machine_busy'] / used['machine_total']:.0%} busy over {cpus} CPUs; this test "
              f"{ours / used['machine_total']:.0%}, everything else "
              f"{max(used['machine_busy'] - ours, 0) / used['machine_total']:.0%}")
    if per["app"] + per["db"]:
        print(f"Ceiling on {cpus} CPUs from CPU per request: {cpus * 1000 / (per['app'] + per['db']):.0f} requests/s "
              f"(server and database alone), {cpus * 1000 / sum(per.values()):.0f} with locust on the same CPUs")


def report_failures(path):
    if not os.path.exists(path):
        return
    with open(path, newline="", encoding="utf-8") as handle:
        for row in list(csv.DictReader(handle))[:10]:
            print(f"failed: {row['Method']} {row['Name']} × {row['Occurrences']}: {row['Error'][:120]}")


if __name__ == "__main__":
    main()
