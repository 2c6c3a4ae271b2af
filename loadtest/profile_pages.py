"""Where a request's time goes: cProfile over whole requests through the full middleware stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fy_load python loadtest/profile_pages.py [--repeat 20] [--top 25]

Runs against a database that holds the demo (run_load.py loads it), with the load test's settings (DEBUG off,
the cached template loader, the production middleware). Each page of the load test's mix is requested by the
account the load test uses for it, through Django's WSGI handler (no network); the first requests warm up.
Prints, per page, the wall time per request and the number of queries, then for all pages together the
functions with the highest cumulative and own time, and the time grouped by what it was spent on.
"""

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "loadtest")]

PAGES = [  # (account, method, path) — the load test's mix (locustfile.py), after two floors
    ("office", "GET", "/__floor/bare/"),  # the middleware stack alone: a view that returns "ok"
    ("office", "GET", "/__floor/layout/"),  # + base.html with an empty content block
    ("gaj", "GET", "/__floor/layout/"),
    ("office", "GET", "/tasks/"),
    ("office", "GET", "/tasks/?light=overdue&sort=due"),
    ("office", "GET", "/tasks/?q=纠纷&missing=true"),
    ("office", "GET", "/tasks/{task}/"),
    ("office", "GET", "/dashboard/"),
    ("office", "GET", "/"),
    ("leader", "GET", "/dashboard/"),
    ("leader", "GET", "/"),
    ("gaj", "GET", "/"),
    ("gaj", "GET", "/tasks/"),
    ("gaj", "GET", "/tasks/{task}/"),
]

GROUPS = [  # (label, substring of a profiled function's file) — first match wins
    ("SQL (psycopg, execute)", "psycopg"),
    ("template rendering", "django/template/"),
    ("translation", "django/utils/translation"),
    ("URL reverse/resolve", "django/urls/"),
    ("ORM (query building, model init)", "django/db/"),
    ("forms / filters", "django/forms/"),
    ("forms / filters", "django_filters"),
    ("sessions", "django/contrib/sessions"),
    ("auth / otp / axes", "django/contrib/auth"),
    ("auth / otp / axes", "django_otp"),
    ("auth / otp / axes", "axes/"),
    ("auditlog", "auditlog/"),
    ("middleware (Django)", "django/middleware"),
    ("handlers", "django/core/handlers"),
    ("other (stdlib, libraries)", "site-packages"),
    ("application code", str(ROOT)),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="profiled requests per page")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--detail", type=int, default=0, help="per page, this many application functions")
    parser.add_argument("--only", default="", help="only the page 'account path' (e.g. 'gaj /'), else the pages "
                                                   "whose 'account path' contains this text")
    parser.add_argument("--dump", default="", help="write the profile of all pages to this file (pstats)")
    args = parser.parse_args()
    pages = ([page for page in PAGES if args.only == f"{page[0]} {page[2]}"]
             or [page for page in PAGES if args.only in f"{page[0]} {page[2]}"])
    from sessions import production_like_django  # loadtest/sessions.py

    production_like_django()
    from django.conf import settings

    settings.ROOT_URLCONF = "profile_pages"  # the application's URLs and the two floors (floor_urls below)
    from django.db import connection
    from django.test import Client
    from sessions import signed_in_sessions  # loadtest/sessions.py

    from fuyuan.accounts.models import User
    from tasks.models import Task

    clients = {}
    for username, key in signed_in_sessions({account for account, _, _ in PAGES}).items():
        clients[username] = Client()
        clients[username].cookies["sessionid"] = key
    office_task = Task.objects.order_by("pk").values_list("pk", flat=True).first()
    unit = User.objects.get(username="gaj").unit
    liaison_task = (Task.objects.filter(assignments__unit=unit).order_by("pk").values_list("pk", flat=True).first()
                    or office_task)

    def path_of(account, path):
        return path.format(task=liaison_task if account == "gaj" else office_task)

    def request(account, method, path):
        response = clients[account].generic(method, path_of(account, path))
        assert response.status_code == 200, (account, path, response.status_code)
        return response

    for page in pages:  # warm up: templates compiled, connections open, caches filled
        for _ in range(3):
            request(*page)

    page_profiles = []
    print(f"{'account':8} {'page':36} {'ms/request':>10} {'profiled':>9} {'calls':>7} {'queries':>8} {'KiB':>6}")
    total = 0.0
    for page in pages:
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            response = request(*page)
        started = time.perf_counter()
        for _ in range(args.repeat):
            request(*page)
        elapsed = (time.perf_counter() - started) / args.repeat
        total += elapsed
        one = cProfile.Profile()
        started = time.perf_counter()
        for _ in range(args.repeat):
            one.enable()
            request(*page)
            one.disable()
        profiled = (time.perf_counter() - started) / args.repeat
        page_profiles.append((page, one))
        calls = pstats.Stats(one).total_calls // args.repeat  # Python function calls: CPU work, free of noise
        print(f"{page[0]:8} {page[2][:36]:36} {elapsed * 1000:10.1f} {profiled * 1000:9.1f} {calls:7} {len(queries):8} "
              f"{len(response.content) // 1024:6}")
    print(f"{'':8} {'mean over the pages':36} {total / len(pages) * 1000:10.1f}")

    if args.detail:
        for page, one in page_profiles:
            out = io.StringIO()
            stats = pstats.Stats(one, stream=out).sort_stats("cumulative")
            stats.print_stats(str(ROOT).replace("/", "/") + r"/(?!\.venv|loadtest)", args.detail)
            print(f"\n{page[0]} {page[2]}: application functions by cumulative time ({args.repeat} requests)")
            print("\n".join(line.replace(str(ROOT) + "/", "") for line in out.getvalue().splitlines()
                            if ".py:" in line))

    stats = pstats.Stats(*(one for _, one in page_profiles))
    if args.dump:
        stats.dump_stats(args.dump)
    requests = args.repeat * len(pages)
    print(f"\nTime by what it was spent on (own time, all {requests} profiled requests):")
    groups = {}
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        label = next((label for label, part in GROUPS if part in filename), "other (stdlib, libraries)")
        groups[label] = groups.get(label, 0.0) + own
    whole = sum(groups.values())
    for label, seconds in sorted(groups.items(), key=lambda item: -item[1]):
        print(f"  {label:36} {seconds / requests * 1000:7.1f} ms/request {seconds / whole:6.1%}")
    for key in ("cumulative", "tottime") if args.top else ():
        out = io.StringIO()
        pstats.Stats(*(one for _, one in page_profiles), stream=out).strip_dirs().sort_stats(key).print_stats(args.top)
        print(f"\nTop {args.top} by {key} time:")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()
                        and not line.startswith(("   Ordered", "   List reduced"))))


def floor_urls():
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.urls import path

    from fuyuan.urls import handler403, urlpatterns  # noqa: F401

    def bare(request):
        request.user.pk  # noqa: B018 — as every page does: the session and the account are loaded
        return HttpResponse("ok")

    def layout(request):
        return render(request, "base.html", {})

    return [*urlpatterns, path("__floor/bare/", bare), path("__floor/layout/", layout)]


if __name__ != "__main__":  # imported as the URLconf
    urlpatterns = floor_urls()
    from fuyuan.urls import handler403  # noqa: F401

if __name__ == "__main__":
    main()
