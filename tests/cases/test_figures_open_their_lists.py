"""Every figure on the indicator page equals the count of the list its link opens — for each role's own view."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.demo import load_cases
from suggestions.demo import load_suggestions


class _Figures(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "data-figure" in attrs:
            self.links.append((attrs["href"], int(attrs["data-count"])))


def figures(html):
    parser = _Figures()
    parser.feed(html)
    return parser.links


def list_count(client, url):
    html = client.get(url).content.decode()
    if match := re.search(r'data-testid="(?:case|hearing)-total" data-count="(\d+)"', html):
        return int(match[1])
    match = re.search(r"data-testid=\"suggestion-total\">[^<\d]*(\d+)", html)
    return int(match[1])


@pytest.fixture
def demo(world):
    today = timezone.localdate()
    load_suggestions(world.units, world.accounts, today)
    load_cases(world.units, world.accounts, today)
    return world


@pytest.mark.parametrize("username", ["office", "gaj", "court"])
def test_each_figure_equals_the_list_it_opens(demo, username):
    client = demo.client(username)
    links = figures(client.get(reverse("indicators:page")).content.decode())
    assert len(links) > 20
    wrong = [(url, count, got) for url, count in links if (got := list_count(client, url)) != count]
    assert not wrong, wrong
    assert any(count for _url, count in links)


def test_a_liaison_sees_figures_of_its_own_cases_only(demo):
    from cases.models import Case

    office = figures(demo.client("office").get(reverse("indicators:page")).content.decode())
    gaj_page = demo.client("gaj").get(reverse("indicators:page")).content.decode()
    assert sum(c for _u, c in figures(gaj_page)) < sum(c for _u, c in office)
    # the ranking lists only the liaison's unit
    assert set(re.findall(r'<tr data-unit="([^"]+)"', gaj_page)) <= {"旗公安局"}
    gaj_list = demo.client("gaj").get(reverse("cases:list")).content.decode()
    own = Case.objects.filter(defendant__name="旗公安局").count()
    assert f'data-testid="case-total" data-count="{own}"' in gaj_list
