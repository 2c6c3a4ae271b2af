"""Benchmark the ledger at scale in a throw-away database, against floors measured in the same run.

    python manage.py bench_ledger [--tasks 10000] [--units 5] [--reports 10] [--repeat 5] [--page-repeat 25]
                                  [--scan-obligations 100000]
                                  [--only pages,export,plan,import,scan]

Builds N tasks × U units × R reports per unit (with some periods unreported) in a fresh test database
(a temporary SQLite file, or test_<name> on PostgreSQL), then prints, each as a median of --repeat runs
(each page taken in turns with its floors and peer, --page-repeat times):
  - the ledger page (first page, 50 rows, light counts) time and query count, and its first (cold) request;
  - its fair floor: COUNT + the same number of rows by an index + their units + a bare template;
  - its render floor: the same 50 rows rendered from a prepared list by a bare template;
  - the Django admin changelist of the same rows (Task registered for this process only, 50 a page);
  - the task page and the leaders' dashboard, each against its own floor;
  - the Excel export of every row as the page and the background job write it: time and peak memory
    (tracemalloc), taken in turns with plain openpyxl write-only writing the same cells from prepared lists;
    django-import-export writing the same rows and columns (run once); the three files read back and compared;
  - confirming a plan of 1,000 items (rolled back), in turns with inserting its items and unit rows alone;
    the ledger's Excel import; the daily scan over every obligation, run twice;
  - the daily scan again after topping up to --scan-obligations (100,000): nothing new, the next day, a first
    scan ever, next to one bulk_create of as many reminder rows alone.
--only measures some of these (the world is built either way). Nothing touches the configured database.
"""

import datetime
import io
import statistics
import tempfile
import time
import tracemalloc

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tasks import benchmarks

# What --only can pick: the three pages with their floors, the export with its peers, plan confirmation,
# the ledger import, the daily scan (over the built world, then at --scan-obligations).
PARTS = ("pages", "export", "plan", "import", "scan")

BARE_TEMPLATE = """<table>{% for r in rows %}<tr><td>{{ r.number }}</td><td>{{ r.category }}</td>
<td><a href="/tasks/{{ r.pk }}/">
{{ r.title }}</a></td><td>{{ r.lead }}</td><td>{{ r.responsible }}</td><td>{{ r.deadline }}</td><td>{{ r.status }}</td>
<td>{{ r.light }}</td><td>{{ r.progress|truncatechars:60 }}</td></tr>{% endfor %}</table>"""


def median_time(fn, repeat):
    """Median wall time of `fn()` over `repeat` runs (after one warm-up), and its last result."""
    result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


class Command(BaseCommand):
    help = "Benchmark the ledger page, admin changelist and Excel export at scale, in a throw-away database."
    # The checks would load the URLconf before the benchmark registers Task on the admin site.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, default=10_000)
        parser.add_argument("--units", type=int, default=5, help="units per task (1 lead, the rest responsible)")
        parser.add_argument("--reports", type=int, default=10, help="progress reports per task and unit")
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--page-repeat", type=int, default=25,
                            help="turns for the pages, which take milliseconds: a median of a few is noise")
        parser.add_argument("--scan-obligations", type=int, default=100_000,
                            help="top the world up to this many unit obligations for the scan figures (0: skip)")
        parser.add_argument("--only", default=",".join(PARTS),
                            help=f"comma-separated parts to measure, of {', '.join(PARTS)} (default: all)")

    def handle(self, *args, tasks, units, reports, repeat, page_repeat, scan_obligations, only, **options):
        parts = {part.strip() for part in only.split(",") if part.strip()}
        if unknown := parts - set(PARTS):
            raise CommandError(f"unknown parts: {', '.join(sorted(unknown))}")
        db = settings.DATABASES["default"]
        if connection.vendor == "sqlite":
            db.setdefault("TEST", {})["NAME"] = tempfile.NamedTemporaryFile(suffix=".sqlite3", delete=False).name
        register_admin()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        # A fresh clone has no collectstatic manifest: serve {% static %} paths unhashed, as the tests do.
        plain_static = {**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        try:
            with override_settings(STORAGES=plain_static):
                self.run(tasks, units, reports, repeat, page_repeat, parts)
                if scan_obligations and "scan" in parts:
                    self.scan_at_scale(scan_obligations)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def run(self, n_tasks, n_units, n_reports, repeat, page_repeat, parts):
        started = time.perf_counter()
        office = build_world(n_tasks, n_units, n_reports)
        self.stdout.write(f"{connection.vendor}: built {n_tasks:,} tasks × {n_units} units × {n_reports} reports "
                          f"in {time.perf_counter() - started:.1f} s")
        today = datetime.date.today()
        if "pages" in parts:
            self.pages(office, today, n_tasks, page_repeat)
        if "export" in parts:
            self.export(office, n_tasks, repeat)
        if "plan" in parts:
            (confirm_time, _), (floor_time, _) = median_times(
                [lambda: benchmarks.plan_confirmation(office, 1000), lambda: benchmarks.plan_floor(1000)], repeat)
            self.stdout.write(f"plan confirmation, 1,000 items × 3 units, assigned: {confirm_time:6.2f} s "
                              f"→ {confirm_time / floor_time:4.1f}× inserting its items and unit rows alone "
                              f"({floor_time:.2f} s)")
        if "import" in parts:
            import_rows, import_read, import_write = benchmarks.ledger_import(office, today, min(n_tasks, 2000))
            self.stdout.write(f"ledger Excel import of {import_rows:,} rows:              read and checked in "
                              f"{import_read:6.2f} s, written (assigned, all or nothing) in {import_write:6.2f} s")
        if "scan" in parts:
            obligations, scan_first, sent_first, scan_second, sent_second = benchmarks.scan(today)
            self.stdout.write(f"daily scan over {obligations:,} obligations:      first run {scan_first:6.2f} s "
                              f"({sent_first:,} sent), second run {scan_second:6.2f} s ({sent_second} sent)")

    def pages(self, office, today, n_tasks, repeat):
        """The ledger page, the task page and the dashboard, each next to its floors."""
        cold_time = timed(lambda: ledger_page(office))
        task_pk = middle_task()
        # Each page in turns with its floors and peer, so a change in the machine's load moves both alike.
        ((page_time, (queries, html_rows)), (floor_time, _), (fair_time, _), (admin_time, admin_queries)) = \
            median_times([lambda: ledger_page(office), lambda: bare_page(office, today), lambda: fair_floor(),
                          lambda: admin_changelist(office)], repeat)
        (task_time, task_queries), (task_floor_time, _) = median_times(
            [lambda: task_page(office, task_pk), lambda: task_floor(task_pk)], repeat)
        (dashboard_time, dashboard_queries), (dashboard_floor_time, _) = median_times(
            [lambda: dashboard_page(office), lambda: dashboard_floor(today)], repeat)

        out = self.stdout.write
        ms = 1000
        out(f"pages: medians of {repeat} turns, each page taken in turns with its floors and peer")
        out(f"ledger page (50 of {n_tasks:,} rows, light counts): {page_time * ms:8.1f} ms median, "
            f"{cold_time * ms:.1f} ms cold, {queries} queries, {html_rows} rows rendered")
        out(f"  fair floor (COUNT + 50 rows by index + units + bare table): {fair_time * ms:8.1f} ms "
            f"→ ledger is {page_time / fair_time:5.1f}× the fair floor")
        out(f"  render floor (50 prepared rows, bare table):    {floor_time * ms:8.1f} ms "
            f"→ ledger is {page_time / floor_time:5.1f}× the render floor")
        out(f"  Django admin changelist (50 rows):              {admin_time * ms:8.1f} ms, {admin_queries} queries "
            f"→ ledger is {page_time / admin_time:5.2f}× the admin")
        out(f"task page:                                        {task_time * ms:8.1f} ms, {task_queries} queries "
            f"→ {task_time / task_floor_time:5.1f}× its floor ({task_floor_time * ms:.1f} ms: task, units, "
            "events, reports, bare page)")
        out(f"dashboard (all {n_tasks:,} tasks aggregated):       {dashboard_time * ms:8.1f} ms, "
            f"{dashboard_queries} queries → {dashboard_time / dashboard_floor_time:5.1f}× its floor "
            f"({dashboard_floor_time * ms:.1f} ms: counts per light, per unit, bare page)")

    def export(self, office, n_tasks, repeat):
        """The ledger's Excel export of every row next to plain openpyxl and django-import-export.

        All three write the rows the export writes (the office's whole ledger in the page's order), the same 12
        columns and cell values: checked below by reading the exported file back, outside the timing.
        """
        from django.utils import timezone

        today = timezone.localdate()  # the export's own date (the lights depend on it)
        cells = prepared_cells(office, today)
        # Taken in turns, so a change in the machine's load between them moves both alike.
        (export_time, exported), (plain_time, plain_file) = median_times(
            [lambda: export(office), lambda: plain_openpyxl(cells)], repeat)
        export_peak = peak_memory(lambda: export(office))
        plain_peak = peak_memory(lambda: plain_openpyxl(cells))
        peer_time, peer_file = median_time(lambda: benchmarks.import_export_xlsx(office, today), 1)
        # Below the title and the header (the export), the header (django-import-export), from the top (plain).
        same = read_cells(exported, 3) == read_cells(plain_file, 1) == read_cells(peer_file, 2)

        out = self.stdout.write
        out(f"Excel export of {n_tasks:,} rows:                  {export_time:8.2f} s, "
            f"peak {export_peak / 2**20:6.1f} MiB, {len(exported) / 2**20:.1f} MiB file")
        out(f"  plain openpyxl write-only, same cells:          {plain_time:8.2f} s, "
            f"peak {plain_peak / 2**20:6.1f} MiB → export is {export_time / plain_time:5.2f}× plain openpyxl")
        out(f"  django-import-export, same rows and columns:    {peer_time:8.2f} s "
            f"→ export is {peer_time / export_time:5.2f}× faster than django-import-export")
        out(f"  the three files hold the same cells ({len(cells):,} rows × {len(cells[0]) if cells else 0} columns, "
            f"read back): {'yes' if same else 'NO'}")

    def scan_at_scale(self, target):
        """The daily scan after topping the world up to `target` obligations: nothing new, a day's worth, a first."""
        today = datetime.date.today()
        started = time.perf_counter()
        obligations = benchmarks.add_obligations(target)
        self.stdout.write(f"scan world: {obligations:,} unit obligations "
                          f"(topped up in {time.perf_counter() - started:.1f} s)")
        first, second, next_day = benchmarks.scan_three_ways(today)
        floor = benchmarks.reminder_floor(first[1])
        count_floor = benchmarks.count_floor()
        out = self.stdout.write
        out(f"daily scan over {obligations:,} obligations, nothing new:  {second[0]:6.2f} s ({second[1]} sent) "
            f"→ {second[0] / count_floor:5.1f}× one COUNT of the obligations ({count_floor * 1000:.0f} ms)")
        out(f"  the next day (a day's new reminders):          {next_day[0]:6.2f} s ({next_day[1]:,} sent)")
        out(f"  first scan ever (everything due at once):      {first[0]:6.2f} s ({first[1]:,} sent) "
            f"→ {first[0] / floor:5.1f}× one bulk_create of {first[1]:,} reminder rows alone ({floor:.2f} s)")


def median_times(fns, repeat):
    """(median wall time, last result) of each of `fns`, run in turns `repeat` times after one warm-up each."""
    results = [fn() for fn in fns]
    times = [[] for _ in fns]
    for _ in range(repeat):
        for index, fn in enumerate(fns):
            start = time.perf_counter()
            results[index] = fn()
            times[index].append(time.perf_counter() - start)
    return [(statistics.median(t), result) for t, result in zip(times, results, strict=True)]


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def middle_task():
    from tasks.models import Task

    ids = Task.objects.order_by("pk").values_list("pk", flat=True)
    return ids[ids.count() // 2]


def build_world(n_tasks, n_units, n_reports):
    """Units, an office account and the tasks with their units and reports, by bulk insert."""
    from django.utils import timezone

    from fuyuan.accounts.models import User
    from fuyuan.accounts.roles import Role
    from fuyuan.units.models import MemberUnit
    from tasks import report_state
    from tasks.models import Category, Plan, ProgressReport, Status, Task, TaskUnit, UnitRole

    units = [MemberUnit(name=f"测试单位{i:03d}", kind="department", order=i) for i in range(60)]
    for unit in units:
        unit.save()
    office = User.objects.create(username="bench-office", role=Role.OFFICE, full_name="联席办")
    plan = Plan.objects.create(title="基准测试实施方案")
    categories = [Category.objects.create(plan=plan, number=str(i + 1), title=f"类别{i + 1}", order=i)
                  for i in range(6)]
    today = timezone.localdate()
    statuses = [Status.ASSIGNED, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED, Status.CLOSED]
    batch = []
    for i in range(n_tasks):
        kind = "long_term" if i % 4 == 0 else "date"
        status = statuses[i % len(statuses)]
        batch.append(Task(
            origin="plan", plan=plan, category=categories[i % 6], number=str(i + 1), sort_key=f"{i + 1:06d}",
            title=f"督办事项{i + 1}：推进行政争议实质性化解工作", body="具体内容" * 20, deadline_kind=kind,
            due_date=today + datetime.timedelta(days=(i % 90) - 30) if kind == "date" else None,
            cycle="quarterly" if kind == "long_term" else "", status=status,
            assigned_on=today - datetime.timedelta(days=200),
            closure_requested_on=today - datetime.timedelta(days=i % 40) if status in (
                Status.CLOSURE_REQUESTED, Status.CLOSED) else None,
            closed_on=today if status == Status.CLOSED else None,
        ))
    for task in batch:
        task.compute_stored_light()  # what save() would have stored
    Task.objects.bulk_create(batch, batch_size=2000)
    task_ids = list(Task.objects.order_by("pk").values_list("pk", flat=True))
    links, report_rows = [], []
    now = timezone.now()
    for index, task_id in enumerate(task_ids):
        for position in range(n_units):
            unit = units[(index + position * 7) % len(units)]
            links.append(TaskUnit(task_id=task_id, unit=unit, role=UnitRole.LEAD if position == 0 else
                                  UnitRole.RESPONSIBLE, order=position, signed_at=now))
            for r in range(n_reports):
                if (index + position + r) % 7 == 0:
                    continue  # realistic gaps: some periods go unreported (缺报)
                text = f"第{r + 1}次进展：已完成阶段性工作。"
                report_rows.append(ProgressReport(task_id=task_id, unit=unit, text=text,
                                                  period_key=f"{today.year}-Q{r % 4 + 1}", submitted_by=office,
                                                  submitted_at=now - datetime.timedelta(days=r * 9)))
        if len(report_rows) >= 20_000:
            ProgressReport.objects.bulk_create(report_rows, batch_size=5000)
            report_rows = []
    TaskUnit.objects.bulk_create(links, batch_size=5000)
    ProgressReport.objects.bulk_create(report_rows, batch_size=5000)
    # Bulk inserts bypass the services: compute the stored 缺报 state and latest report they would have kept.
    report_state.refresh_all()
    if connection.vendor == "postgresql":
        # VACUUM too: a table in use is vacuumed by autovacuum (after a bulk load, within a minute), and only then
        # can index-only scans (the ledger's counts, every COUNT(*)) skip the table: measure that steady state.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return office


def _request(user, path="/tasks/"):
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    request.user = user
    request.session = {}
    return request


def ledger_page(office):
    """The real ledger view: (queries, rows rendered)."""
    from tasks.views import ledger

    with CaptureQueriesContext(connection) as captured:
        response = ledger(_request(office))
    return len(captured), response.content.decode().count("<tr data-task=")


def dashboard_page(office):
    """The leaders' dashboard over every task: returns its query count."""
    from fuyuan.views import dashboard

    office.is_staff = office.is_superuser = False
    with CaptureQueriesContext(connection) as captured:
        response = dashboard(_request(office, "/dashboard/"))
    assert response.status_code == 200
    return len(captured)


def bare_page(office, today):
    """The floor: 50 prepared rows through a minimal template (queries done beforehand)."""
    from django.template import Context, Template

    rows = _prepared_rows(office, today)
    return Template(BARE_TEMPLATE).render(Context({"rows": rows}))


_PREPARED = {}


def _prepared_rows(office, today):
    if "rows" not in _PREPARED:
        from tasks.selectors import lead_units, ledger_tasks, responsible_units

        tasks = ledger_tasks(office, today).order_by("light_order", "due_date", "sort_key", "pk")[:50]
        _PREPARED["rows"] = [{
            "pk": t.pk, "number": t.number, "category": t.category.title, "title": t.title,
            "lead": "、".join(u.name for u in lead_units(t)),
            "responsible": "、".join(u.name for u in responsible_units(t)),
            "deadline": t.deadline_display, "status": t.get_status_display(), "light": t.light,
            "progress": t.latest_progress or "",
        } for t in tasks]
    return _PREPARED["rows"]


FAIR_TEMPLATE = """<!doctype html><title>台账</title><p>{{ count }}</p><table>{% for t in rows %}<tr>
<td>{{ t.number }}</td><td>{{ t.category.title }}</td><td><a href="/tasks/{{ t.pk }}/">{{ t.title }}</a></td>
<td>{% for a in t.assignments.all %}{{ a.unit.name }} {% endfor %}</td><td>{{ t.due_date }}</td>
<td>{{ t.status }}</td></tr>{% endfor %}</table>"""


def fair_floor():
    """The fair floor of the ledger: COUNT, the same number of rows by an index, their units, a bare template."""
    from django.db.models import Prefetch
    from django.template import Context, Template

    from tasks.models import Task, TaskUnit

    count = Task.objects.count()
    rows = list(Task.objects.select_related("category").defer("body").order_by("due_date", "sort_key", "pk")
                .prefetch_related(Prefetch("assignments", TaskUnit.objects.select_related("unit")
                                           .order_by("role", "order", "pk")))[:50])
    return Template(FAIR_TEMPLATE).render(Context({"rows": rows, "count": count}))


TASK_TEMPLATE = """<!doctype html><h1>{{ t.number }} {{ t.title }}</h1><p>{{ t.body }}</p>
<ul>{% for a in t.assignments.all %}<li>{{ a.unit.name }} {{ a.role }} {{ a.signed_at }}</li>{% endfor %}</ul>
<ol>{% for e in events %}<li>{{ e.at }} {{ e.kind }} {{ e.text }}</li>{% endfor %}</ol>
<ol>{% for r in reports %}<li>{{ r.submitted_at }} {{ r.unit.name }} {{ r.period_key }} {{ r.text }}</li>
{% endfor %}</ol>"""


def task_floor(pk):
    """The floor of the task page: the task with its units, events and reports in four queries, a bare template."""
    from django.template import Context, Template

    from tasks.models import Task

    task = Task.objects.prefetch_related("assignments__unit").get(pk=pk)
    events = list(task.events.all())
    reports = list(task.reports.select_related("unit"))
    return Template(TASK_TEMPLATE).render(Context({"t": task, "events": events, "reports": reports}))


def task_page(office, pk):
    """The real task page: returns its query count."""
    from tasks.views import detail

    with CaptureQueriesContext(connection) as captured:
        response = detail(_request(office, f"/tasks/{pk}/"), pk=pk)
    assert response.status_code == 200
    return len(captured)


DASHBOARD_TEMPLATE = """<!doctype html><table>{% for k, v in counts.items %}<tr><td>{{ k }}</td><td>{{ v }}</td></tr>
{% endfor %}</table><table>{% for r in units %}<tr><td>{{ r.unit__name }}</td><td>{{ r.n }}</td></tr>{% endfor %}
</table>"""


def dashboard_floor(today):
    """The floor of the dashboard: counts per light over every task, items per unit, a bare template."""
    from django.db.models import Count, Q
    from django.template import Context, Template

    from tasks import deadlines
    from tasks.models import Task, TaskUnit

    counts = Task.objects.with_light(today).aggregate(
        **{light: Count("pk", filter=Q(light=light)) for light in deadlines.LIGHTS})
    units = list(TaskUnit.objects.order_by().values("unit__name").annotate(n=Count("pk")))
    return Template(DASHBOARD_TEMPLATE).render(Context({"counts": counts, "units": units}))


def register_admin():
    """Register Task on the admin site for this process only (it is not in Fuyuan's admin), then reload the URLs."""
    import importlib
    import sys

    from django.contrib import admin
    from django.urls import clear_url_caches

    from tasks.models import Task

    class TaskAdmin(admin.ModelAdmin):
        list_display = ("number", "category", "title", "deadline_kind", "due_date", "status", "closed_on")
        list_select_related = ("category",)
        list_per_page = 50
        list_filter = ("status", "origin")
        search_fields = ("title",)

    if Task not in admin.site._registry:
        admin.site.register(Task, TaskAdmin)
    if settings.ROOT_URLCONF in sys.modules:
        importlib.reload(sys.modules[settings.ROOT_URLCONF])
    clear_url_caches()


def admin_changelist(office):
    """The Django admin's changelist of tasks, 50 a page: returns its query count."""
    from django.contrib import admin

    from tasks.models import Task

    office.is_staff = office.is_superuser = True
    request = _request(office, "/admin/tasks/task/")
    with CaptureQueriesContext(connection) as captured:
        response = admin.site._registry[Task].changelist_view(request)
        response.render()
    return len(captured)


def export(office):
    """The ledger's Excel export of every row, as the page's 导出 and the background job write it: the file."""
    from tasks.exports import write_ledger_export

    stream = io.BytesIO()
    write_ledger_export(user=office, query="", stream=stream)
    return stream.getvalue()


def read_cells(data, first_row):
    """The rows of a workbook's first sheet from `first_row` on, as a reader sees them (empty text = no value)."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [[None if value == "" else value for value in row]
            for row in sheet.iter_rows(min_row=first_row, values_only=True)]


def prepared_cells(office, today):
    """The export's cell values as plain lists, from model instances, computed once outside the timing."""
    from tasks import deadlines
    from tasks.exports import ledger_export_rows
    from tasks.selectors import lead_units, responsible_units

    rows = []
    for t in ledger_export_rows(office, "", today).iterator(chunk_size=2000):
        rows.append([t.number, t.category.title if t.category else "", t.title,
                     "、".join(u.name for u in lead_units(t)), "、".join(u.name for u in responsible_units(t)),
                     t.due_date, "" if t.due_date and not t.deadline_text else str(t.deadline_display),
                     t.get_status_display(), str(deadlines.light_label(t.light)), t.latest_progress or "",
                     t.closed_on, t.get_origin_display()])
    return rows


def plain_openpyxl(cells):
    """openpyxl write-only mode writing the same cells, nothing else: the floor for the export. Returns the file."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("督办台账")
    for row in cells:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def peak_memory(fn):
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
