"""The item page's units and timeline, written in Python (tasks.task_page), print what the template loops printed.

Each reference below is the loop task_detail.html had, rendered by the template engine over the same rows: values
with markup, quotes and line breaks, a unit with its group and 缺报 periods, one not yet signed, a day's 签收 merged.
"""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from fuyuan.lib.display import minute
from tasks import deadlines, task_page

UNITS_LOOP = """{% load i18n %}{% for unit in units %}
      <tr><td>{{ unit.name }}{% if unit.via_group %} <span class="text-muted small">（{{ unit.via_group }}）</span>{% endif %}</td><td class="text-nowrap">{{ unit.role_label }}</td>
        <td>{% if unit.signed %}<span class="text-nowrap">{{ unit.signed|slice:":10" }}</span> {{ unit.signed|slice:"11:" }}{% else %}<span class="text-danger">{% translate "Not yet" %}</span>{% endif %}</td>
        {% if owes_reports %}<td>{% for period in unit.missing %}<span class="badge text-bg-danger me-1">{{ period.label }}</span>{% empty %}<span class="text-muted">—</span>{% endfor %}</td>{% endif %}</tr>
    {% endfor %}"""  # noqa: E501

TIMELINE_LOOP = """{% load i18n %}{% for event in events %}
    <li class="timeline-item timeline-{{ event.kind }}"><span class="text-muted small text-nowrap me-2">{{ event.at_text }}</span>
      <strong>{{ event.kind_label }}</strong>{% if event.signers|length > 1 %} · {% blocktranslate count n=event.signers|length %}{{ n }} unit{% plural %}{{ n }} units{% endblocktranslate %}
        <div class="small ms-4 text-muted">{% for signer in event.signers %}{{ signer.unit_name }}{% if not forloop.last %}、{% endif %}{% endfor %}</div>
      {% else %}{% if event.unit_name %} · {{ event.unit_name }}{% endif %}{% if event.actor %} <span class="text-muted small">（{{ event.actor }}）</span>{% endif %}{% endif %}
      {% if event.text %}<div class="small ms-4">{{ event.text|linebreaksbr }}</div>{% endif %}</li>
    {% endfor %}"""  # noqa: E501

AT = timezone.make_aware(datetime.datetime(2025, 3, 4, 9, 30))


def unit(name, role="responsible", via="", signed=None, missing=()):
    return task_page.UnitRow(1, role, name, name, via, "牵头" if role == "lead" else "责任", signed,
                             minute(signed), True, list(missing))


def event(kind, unit_name="", actor="", text=""):
    return task_page.EventRow(kind, AT, minute(AT), "签收" if kind == "signed" else "进展", unit_name,
                              actor, text)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


@pytest.mark.parametrize("owes_reports", [True, False])
def test_the_units_rows_print_as_the_template_loop_did(owes_reports):
    periods = [deadlines.period_containing(datetime.date(2025, 1, 15), "quarterly"),
               deadlines.period_containing(datetime.date(2025, 5, 15), "quarterly")]
    rows = [unit("公安局<治安> & \"户政\"", role="lead", signed=AT), unit("财政局", via="政法组 <一>", missing=periods),
            unit("司法局", signed=AT, missing=periods[:1])]
    expected = Template(UNITS_LOOP).render(Context({"units": rows, "owes_reports": owes_reports}))
    assert task_page.unit_rows_html(rows, owes_reports) == expected
    assert "&lt;治安&gt; &amp; &quot;户政&quot;" in expected and "未签收" in expected


def test_the_timeline_prints_as_the_template_loop_did():
    merged = event("signed", "公安局")
    merged.signers = [merged, event("signed", "财政局 <一>")]
    alone = event("signed", "司法局")
    alone.signers = [alone]
    events = [merged, alone, event("reported", "公安局", "张三 <办>", "第一行 <b>\r\n第二行\r第三行 & 完"),
              event("reported", "", "", ""), event("reported", "", "系统", "")]
    expected = Template(TIMELINE_LOOP).render(Context({"events": events}))
    assert task_page.timeline_html(events) == expected
    assert "第一行 &lt;b&gt;<br>第二行<br>第三行 &amp; 完" in expected and "2个单位" in expected
