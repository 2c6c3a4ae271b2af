"""Issuing at the same moment: every document gets its own number, one document never gets two.

PostgreSQL only: there the counter row is really locked.
"""

import pytest
from django.db import connection  # noqa: F401 (read by the skipif condition)

from fuyuan.documents import services
from fuyuan.documents.models import IssuedDocument
from tests.tasks.builders import make_task
from tests.tasks.test_concurrency_pg import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL"),
]


def test_simultaneous_issues_get_consecutive_numbers_and_one_each(world):
    office = world.user("office")
    tasks = [make_task(world, f"事项{n}") for n in range(4)]

    def issuing(task):
        return lambda: services.issue(kind="supervision_notice", subject=f"task:{task.pk}", title="t", by=office)

    results = race(*(issuing(task) for task in tasks), issuing(tasks[0]))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(IssuedDocument.objects.values_list("serial", flat=True)) == [1, 2, 3, 4]
    assert results[0].number == results[4].number
