"""The dashboard's repeated rows, built in Python (fuyuan.dashboard): the template's markup."""

import datetime
from decimal import Decimal

from django.template import Context, Template
from django.urls import reverse

from fuyuan.dashboard import cadence_rows_html, category_rows_html, off_target_html, unit_rows_html
from indicators.models import Indicator, MeasureKind
from indicators.selectors import Figure
from meetings import compliance
from meetings.models import MeetingType
from tasks import deadlines

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

CADENCE_ROWS = (
    '{% load i18n %}{% for row in cadence %}\n      <tr><td>{{ row.type.name }}</td><td>{{ row.period.label }}</td>'
    '<td>{{ row.held }}/{{ row.required }}</td><td>{% if row.state == "met" %}<span class="light light-green"></span>'
    '{% elif row.state == "missing" %}<span class="light light-red"></span>{% translate "Missing" %}'
    '{% elif row.state == "open" %}<span class="light light-yellow"></span>{% else %}'
    '<span class="light light-grey"></span>{% endif %}</td></tr>\n    {% endfor %}'
)

OFF_TARGET = (
    '{% load i18n %}{% for row in indicators_off_target %}<span class="me-3" '
    'data-indicator="{{ row.indicator.measure }}">{{ row.indicator.name }} {{ row.current.period.label }} '
    '<a class="text-danger fw-semibold" '
    'href="{{ row.current.numerator_url }}">{{ row.current.display }}{{ row.indicator.unit_text }}</a>（'
    '{% translate "Target" %} {{ row.indicator.target_text }}）</span>{% endfor %}'
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


def test_the_cadence_rows_are_the_templates_markup_in_every_state():
    quarters = list(compliance.periods_of(2026, deadlines.QUARTERLY))
    plenary = MeetingType(pk=1, name="联席会议<全体> & \"扩大\"", per_period=1)
    rows = [compliance.PeriodRow(plenary, period, 1, held, state) for period, held, state in zip(
        quarters, (1, 0, 0, 1234), (compliance.MET, compliance.MISSING, compliance.OPEN, compliance.DUE), strict=True)]
    html = cadence_rows_html(rows)
    assert html == Template(CADENCE_ROWS).render(Context({"cadence": rows}))
    assert "联席会议&lt;全体&gt; &amp; &quot;扩大&quot;" in html and "light-grey" in html and "未召开" in html
    assert cadence_rows_html([]) == ""


def test_the_indicators_off_target_are_the_templates_markup():
    period = deadlines.period_containing(datetime.date(2026, 5, 1), deadlines.QUARTERLY)
    rate = Indicator(pk=1, name="败诉率 <一审> & \"x\"", measure=MeasureKind.LOSS_RATE, target=Decimal("10.00"),
                     direction="lower")
    per_10k = Indicator(pk=2, name="万人起诉率", measure=MeasureKind.FILINGS_PER_10K, target=Decimal("1.50"))
    rows = [{"indicator": rate, "current": Figure(period, 3, 20, Decimal("15.0"), "/cases/?a=1&b=<2>", "", False)},
            {"indicator": per_10k, "current": Figure(period, 1, 120000, Decimal("0.08"), "/cases/?x=1", "", False)}]
    html = off_target_html(rows)
    assert html == Template(OFF_TARGET).render(Context({"indicators_off_target": rows}))
    assert "&lt;一审&gt; &amp; &quot;x&quot;" in html and 'href="/cases/?a=1&amp;b=&lt;2&gt;"' in html


def test_the_chart_data_is_json_scripts_markup():
    from django.utils.html import json_script

    from tasks.templatetags.supervision import json_data

    chart = {"lights": [{"name": "逾期 <b> & \"x\" '\u2028", "value": 1234, "url": "/tasks/?year=2026&light=overdue"}],
             "categories": [], "date": datetime.date(2026, 5, 1), "rate": Decimal("1.50"), "none": None}
    assert json_data(chart, "dashboard-data") == json_script(chart, "dashboard-data")
    assert "<b>" not in json_data(chart, "dashboard-data")
