"""Python calls and queries of the 进展报送 POST, as the load test's liaisons send it, each request rolled back.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fy_load python loadtest/profile_report.py [--repeat 10]

On a database holding the demo: for each liaison account and item below, the item's page is read for the
form's proposed period and CSRF token (as locustfile.py's `report` task does), then the report is posted
`--repeat` times under cProfile, each in a transaction rolled back, so the database stays as it was and every
run measures the same report. Prints calls and queries per request (queries without the savepoint statements
the rollback adds; on PostgreSQL two of them are the audit chain's advisory locks; as nothing is kept, each
request also saves its session again).
"""

import argparse
import cProfile
import pstats
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "loadtest")]

REPORTS = [("gaj", 9), ("gaj", 2), ("czj", 10)]  # a quarterly item of 4 units, a dated and a quarterly of 40


class _Rollback(Exception):
    pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    from sessions import production_like_django  # loadtest/sessions.py

    production_like_django()
    from django.db import connection, transaction
    from django.test import Client
    from sessions import signed_in_sessions  # loadtest/sessions.py

    clients = {}
    for username, key in signed_in_sessions({account for account, _ in REPORTS}).items():
        clients[username] = Client()
        clients[username].cookies["sessionid"] = key

    print(f"{'account':8} {'item':>5} {'period':8} {'calls':>7} {'queries':>8}")
    for account, pk in REPORTS:
        period, calls, queries = measure(clients[account], pk, args.repeat, connection, transaction)
        print(f"{account:8} {pk:5} {period:8} {calls:7} {queries:8}")


def measure(client, pk, repeat, connection, transaction):
    """(the period reported, Python calls per request, queries) of `client`'s report on item `pk`."""

    def rolled_back(run):
        result = []
        try:
            with transaction.atomic():
                result.append(run())
                raise _Rollback
        except _Rollback:
            return result[0]

    page = rolled_back(lambda: client.get(f"/tasks/{pk}/")).content.decode()
    data = {"text": "本期工作进展：已按计划推进。",
            "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]}
    period = re.search(r'<option value="([^"]+)" selected', page)
    if period:
        data["period_key"] = period[1]

    def post():
        response = client.post(f"/tasks/{pk}/report/", data)
        assert response.status_code == 302 and response["Location"].endswith(f"/tasks/{pk}/"), response
        return response

    for _ in range(3):  # warm up
        rolled_back(post)
    queries = []

    def count(execute, sql, *rest):
        queries.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(count):
        rolled_back(post)
    statements = [sql for sql in queries if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    profile = cProfile.Profile()

    def profiled():
        profile.enable()
        try:
            return post()
        finally:
            profile.disable()

    for _ in range(repeat):
        rolled_back(profiled)
    return data.get("period_key", "—"), pstats.Stats(profile).total_calls // repeat, len(statements)


if __name__ == "__main__":
    main()
