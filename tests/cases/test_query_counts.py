"""The register's pages run the same number of queries at 20 and at 400 cases."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Hearing
from indicators.models import PopulationFigure
from indicators.reference import ensure_indicators

UNITS = ["旗公安局", "旗住建局", "旗自然资源局", "旗人社局"]
OUTCOMES = ["upheld", "revoked", "withdrawn", "mediated", ""]


def bulk_register(world, size):
    ensure_indicators()
    today = timezone.localdate()
    PopulationFigure.objects.get_or_create(year=today.year, defaults={"population": 137800})
    court = world.user("court")
    cases = []
    for i in range(size):
        filed = today - datetime.timedelta(days=(i * 3) % 700 + 1)
        outcome = OUTCOMES[i % len(OUTCOMES)]
        cases.append(Case(number=f"（{filed.year}）蒙0626行初{i + 1}号", court="乌审旗人民法院", court_unit=court.unit,
                          instance="first", cause="行政处罚", defendant=world.unit(UNITS[i % len(UNITS)]),
                          filed_on=filed, outcome=outcome, closed_on=filed + datetime.timedelta(days=1) if outcome
                          else None, registered_by=court, proceeding="review" if i % 7 == 0 else "litigation"))
    Case.objects.bulk_create(cases)
    Hearing.objects.bulk_create(Hearing(case=c, held_on=c.filed_on + datetime.timedelta(days=1),
                                        attendance=["principal", "deputy", "absent", ""][c.pk % 4])
                                for c in Case.objects.all())


PAGES = [("indicators:page", "office", 15), ("indicators:page", "gaj", 15), ("cases:list", "office", 10),
         ("cases:hearings", "gaj", 10), ("cases:bulletin", "leader", 10), ("cases:export", "office", 7)]


@pytest.mark.parametrize("size", [20, 400])
@pytest.mark.parametrize("name,username,most", PAGES)
def test_query_count_is_flat(world, size, name, username, most, django_assert_max_num_queries):
    bulk_register(world, size)
    client = world.client(username)
    with django_assert_max_num_queries(most):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_a_case_page_is_flat_in_its_hearings(world, django_assert_max_num_queries):
    bulk_register(world, 20)
    made = Case.objects.filter(defendant__name="旗公安局").first()
    Hearing.objects.bulk_create(Hearing(case=made, held_on=made.filed_on) for _ in range(30))
    client = world.client("gaj")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("cases:detail", args=[made.pk])).status_code == 200
