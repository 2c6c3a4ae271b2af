"""The dashboard's two lists, built in Python (tasks.task_table.task_table_html): tasks/_task_rows.html's markup."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from fuyuan.dashboard import overdue_and_due_soon, year_tasks
from tasks.task_table import task_table_html
from tests.tasks.builders import make_task

TODAY = timezone.localdate()


def test_the_lists_are_the_includes_markup(world):
    make_task(world, "依法化解<行政>争议 & \"诉源\"治理", due_in=-3, number="7", deadline_text="2025年6月底前")
    make_task(world, "逾期二", due_in=-1, number="8")
    make_task(world, "临期", due_in=2, number="9")
    overdue, due_soon = overdue_and_due_soon(year_tasks(world.user("leader"), TODAY.year, TODAY))
    assert len(overdue) == 2 and len(due_soon) == 1
    for tasks in (overdue, due_soon, []):
        assert task_table_html(tasks) == render_to_string("tasks/_task_rows.html", {"rows": tasks})
    html = task_table_html(overdue)
    assert "依法化解&lt;行政&gt;争议 &amp; &quot;诉源&quot;治理" in html and 'data-light="overdue"' in html


def test_a_missing_report_badge_as_the_include_shows_it(world):
    # Overdue and 缺报 never meet (a dated item owes no periodic report): the badge, as the include would print it.
    task = make_task(world, "长期", due_in=None, assigned_on=TODAY - datetime.timedelta(days=400))
    task.light, task.missing_report = "no_deadline", True
    assert task_table_html([task]) == render_to_string("tasks/_task_rows.html", {"rows": [task]})
    assert '<span class="badge text-bg-danger">缺报</span>' in task_table_html([task])
