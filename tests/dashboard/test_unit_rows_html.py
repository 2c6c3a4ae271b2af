"""The dashboard's unit ranking and category rows, built in Python (fuyuan.dashboard): the template's markup."""

from django.template import Context, Template
from django.urls import reverse

from fuyuan.dashboard import category_rows_html, unit_rows_html

# The rows as templates/dashboard.html printed them before they were built in Python.
TEMPLATE_ROWS = (
    '{% for row in units %}<tr data-unit="{{ row.unit__name }}"><td><a href="{{ row.url }}">{{ row.unit__name }}</a>'
    '</td><td>{{ row.lead }}</td><td>{{ row.responsible }}</td><td>{{ row.lead_on_time }}</td>\n'
    '    <td>{% if row.lead_overdue %}<a class="text-danger fw-semibold" href="{{ row.lead_overdue_url }}">'
    '{{ row.lead_overdue }}</a>{% else %}0{% endif %}</td>\n'
    '    <td>{{ row.responsible_overdue }}</td><td>{% if row.missing_count %}<a class="text-danger" '
    'href="{{ row.missing_url }}">{{ row.missing_count }}</a>{% else %}0{% endif %}</td><td>{{ row.reminders }}</td>'
    '</tr>{% endfor %}'
)

CATEGORY_ROWS = (
    '{% load supervision %}{% for row in categories %}<tr><td><a href="{{ row.url }}">{{ row.label }}</a></td>'
    '<td>{{ row.total }}</td><td>{% for light, n, url in row.segments %}<a href="{{ url }}" '
    'class="me-2 text-decoration-none" data-light="{{ light }}">{{ light|light_badge }}{{ n }}</a>{% endfor %}</td>'
    '</tr>{% endfor %}'
)


def row(name, unit_id, **figures):
    base = "/tasks/?year=2026&unit=" + str(unit_id)
    return {"unit_id": unit_id, "unit__name": name, "unit__order": unit_id, "lead": 0, "responsible": 0,
            "lead_on_time": 0, "lead_overdue": 0, "responsible_overdue": 0, "missing_count": 0, "reminders": 0,
            "url": base, "lead_overdue_url": base + "&part=lead&light=overdue",
            "overdue_url": base + "&light=overdue", "missing_url": base + "&missing=true", **figures}


def test_the_rows_are_the_templates_markup_with_names_and_links_escaped():
    rows = [row('旗"公安"局 <&> \'甲\'', 3, lead=1234, responsible=5, lead_on_time=2, lead_overdue=7,
                responsible_overdue=1, missing_count=4, reminders=9),
            row("旗财政局", 5, lead=1)]
    assert unit_rows_html(rows) == Template(TEMPLATE_ROWS).render(Context({"units": rows}))
    html = unit_rows_html(rows)
    assert "&lt;&amp;&gt;" in html and "<&>" not in html and 'href="/tasks/?year=2026&amp;unit=3"' in html


def test_no_units_no_rows():
    assert unit_rows_html([]) == ""


def test_the_page_shows_each_unit_with_its_links(world):
    from tests.tasks.builders import make_task

    make_task(world, "逾期", due_in=-3)
    page = world.client("leader").get(reverse("dashboard")).content.decode()
    start = page.index('<tr data-unit="旗公安局">')
    gaj = page[start:page.index("</tr>", start)]
    assert '<a class="text-danger fw-semibold" href="/tasks/?year=' in gaj and "part=lead&amp;light=overdue" in gaj


def test_the_category_rows_are_the_templates_markup():
    rows = [{"label": "重点<任务> & \"专项\"", "total": 1234, "url": "/tasks/?year=2026&category=3",
             "segments": [("overdue", 7, "/tasks/?year=2026&category=3&light=overdue"),
                          ("on_track", 1227, "/tasks/?year=2026&category=3&light=on_track")]},
            {"label": "临时交办", "total": 0, "url": "/tasks/?year=2026&origin=adhoc", "segments": []}]
    html = category_rows_html(rows)
    assert html == Template(CATEGORY_ROWS).render(Context({"categories": rows}))
    assert "重点&lt;任务&gt; &amp; &quot;专项&quot;" in html and 'data-light="overdue"><span' in html
