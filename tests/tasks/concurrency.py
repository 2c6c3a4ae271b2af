"""Racing calls against each other in threads, for the PostgreSQL concurrency tests (rows are really locked there)."""

import threading

import pytest
from django.db import connection

from tasks.services import TransitionRefused

# A racing test module's pytestmark: real transactions, and PostgreSQL only (SQLite serialises whole transactions).
RACING = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def race(*calls):
    """Run the calls in threads released together; each one's result, or the exception it raised."""
    barrier = threading.Barrier(len(calls), timeout=20)
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # a refusal is a result to look at
            results[index] = error
        finally:
            connection.close()  # each thread has its own connection; leave none open for the test database

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def one_refused(results):
    """Exactly one call was refused with the domain error, and none failed in any other way."""
    refused = [r for r in results if isinstance(r, TransitionRefused)]
    others = [r for r in results if isinstance(r, Exception) and not isinstance(r, TransitionRefused)]
    assert (len(refused), others) == (1, []), results
