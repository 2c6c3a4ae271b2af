"""Statements compiled once for a key (fuyuan.lib.sql.compiled_rows/_objects/_counts): what they return is what the
ORM returns for the same queryset, on every call, whatever the data has become since the statement was compiled."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fuyuan.lib import sql
from indicators.models import Indicator, MeasureKind
from meetings.models import Meeting, MeetingStatus, MeetingType

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    sql.forget_compiled()
    yield
    sql.forget_compiled()


def awkward_indicators():
    """Text with quotes, percent signs and Chinese, decimals, booleans both ways, a blank definition."""
    Indicator.objects.all().delete()  # the reference indicators a migration adds
    Indicator.objects.create(name='出庭率 "100%" & <b>', measure=MeasureKind.ATTENDANCE_RATE, target=Decimal("95.50"),
                             assessed=True, active=True, order=2, definition="")
    Indicator.objects.create(name="败诉率 'x' %s", measure=MeasureKind.LOSS_RATE, target=Decimal("0.05"),
                             direction="lower", assessed=False, active=False, order=1, definition="%(name)s；")


COLUMNS = ("pk", "name", "target", "assessed", "active", "definition", "order")


def test_rows_are_the_orms_values_on_every_call(world):
    awkward_indicators()
    build = lambda: Indicator.objects.filter(Q(active=True) | Q(assessed=False)).values_list(*COLUMNS)  # noqa: E731
    expected = list(build())
    first = sql.compiled_rows(("test.rows",), build)
    assert first == expected
    assert [type(value) for value in first[0]] == [type(value) for value in expected[0]]  # bool, Decimal: not 0/1, str
    Indicator.objects.filter(name__startswith="败诉率").update(assessed=True, target=Decimal("7.25"))
    Indicator.objects.create(name="新指标", measure=MeasureKind.MEDIATION_RATE, target=Decimal("1"), active=True)
    with CaptureQueriesContext(connection) as ran:
        again = sql.compiled_rows(("test.rows",), lambda: pytest.fail("compiled twice for one key"))
    assert again == list(build()) and len(again) == 2  # the new data, read by the statement compiled before
    assert len(ran) == 1


def test_datetimes_come_back_as_the_orm_gives_them(world):
    kind = MeetingType.objects.first()
    starts = timezone.make_aware(datetime.datetime(2025, 12, 31, 23, 30))
    Meeting.objects.create(type=kind, title="年末会议", starts_at=starts, status=MeetingStatus.HELD)
    build = lambda: Meeting.objects.filter(starts_at__year=2025).values_list("type_id", "starts_at")  # noqa: E731
    for _call in range(2):
        assert sql.compiled_rows(("test.meetings", 2025), build) == list(build()) == [(kind.pk, starts)]


def test_objects_are_the_orms_objects(world):
    awkward_indicators()
    build = lambda: Indicator.objects.all()  # noqa: E731
    for _call in range(2):
        made, expected = sql.compiled_objects(("test.objects",), Indicator, build), list(build())
        assert [(o.pk, o.name, o.target, o.assessed, o.active, o.definition, o.order, o.direction, o.measure)
                for o in made] == [(o.pk, o.name, o.target, o.assessed, o.active, o.definition, o.order, o.direction,
                                    o.measure) for o in expected]
        assert all(not o._state.adding and o._state.db == expected[0]._state.db for o in made)
        assert [o.target_text for o in made] == [o.target_text for o in expected]


def test_a_filter_that_matches_nothing_runs_no_statement(world):
    with CaptureQueriesContext(connection) as ran:
        for _call in range(2):
            assert sql.compiled_rows(("test.nothing",), lambda: Indicator.objects.filter(pk__in=[]).values_list("pk")) \
                == []
    assert len(ran) == 0


def test_counts_are_the_orms_aggregate_each_under_its_own_name(world):
    awkward_indicators()

    def build():
        # Four different answers, so a count read under another's name shows.
        return Indicator.objects.all(), {"all": Count("pk"), "active": Count("pk", filter=Q(active=True)),
                                         "none": Count("pk", filter=Q(pk__in=[])),
                                         "lower": Count("pk", filter=Q(direction="lower") | Q(assessed=True))}

    queryset, counts = build()
    assert sql.compiled_counts(("test.counts",), build) == queryset.aggregate(**counts) == {
        "all": 2, "active": 1, "none": 0, "lower": 2}
    Indicator.objects.create(name="新指标", measure=MeasureKind.MEDIATION_RATE, target=Decimal("1"), active=True)
    with CaptureQueriesContext(connection) as ran:
        assert sql.compiled_counts(("test.counts",), lambda: pytest.fail("compiled twice")) == {
            "all": 3, "active": 2, "none": 0, "lower": 2}
    assert len(ran) == 1


def test_counts_over_several_tables_are_one_statement_each_under_its_own_name(world):
    awkward_indicators()
    kind = MeetingType.objects.first()
    Meeting.objects.create(type=kind, title="会议", starts_at=timezone.now(), status=MeetingStatus.HELD)
    builds = [lambda: (Indicator.objects.all(), {"n": Count("pk"), "active": Count("pk", filter=Q(active=True))}),
              lambda: (Meeting.objects.all(), {"n": Count("pk"), "held": Count("pk", filter=Q(status="held"))}),
              lambda: (Indicator.objects.filter(assessed=True), {"assessed": Count("pk")})]
    expected = [{"n": 2, "active": 1}, {"n": 1, "held": 1}, {"assessed": 1}]
    assert sql.compiled_counts_together(("test.together",), builds) == expected
    Indicator.objects.update(active=True)
    with CaptureQueriesContext(connection) as ran:
        assert sql.compiled_counts_together(("test.together",), builds) == [
            {"n": 2, "active": 2}, {"n": 1, "held": 1}, {"assessed": 1}]
    assert len(ran) == 1


def test_counts_together_with_one_that_runs_no_statement_are_not_kept(world):
    awkward_indicators()
    built = []
    builds = [lambda: built.append(1) or (Indicator.objects.all(), {"n": Count("pk")}),
              lambda: (Indicator.objects.filter(pk__in=[]), {"n": Count("pk")})]
    for _call in range(2):
        assert sql.compiled_counts_together(("test.nothing",), builds) == [{"n": 2}, {"n": 0}]
    assert len(built) == 2


def test_other_aggregates_than_counts_are_not_kept(world):
    awkward_indicators()
    built = []

    def build():
        built.append(1)
        return Indicator.objects.all(), {"n": Count("pk"), "orders": Sum("order")}

    for _call in range(2):
        assert sql.compiled_counts(("test.sum",), build) == {"n": 2, "orders": 3}
    assert len(built) == 2  # a Sum may need a converter (a Decimal on SQLite): through the ORM every time


def test_a_statement_does_not_outlive_its_day(world, monkeypatch):
    built = []

    def build():
        built.append(timezone.localdate())
        return Indicator.objects.values_list("pk")

    sql.compiled_rows(("test.day",), build)
    sql.compiled_rows(("test.day",), build)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    sql.compiled_rows(("test.day",), build)
    assert built == [tomorrow - datetime.timedelta(days=1), tomorrow]


def test_changing_a_setting_forgets_every_statement(world, settings):
    built = []
    build = lambda: built.append(1) or Indicator.objects.values_list("pk")  # noqa: E731
    sql.compiled_rows(("test.setting",), build)
    settings.DUE_SOON_DAYS = 3
    sql.compiled_rows(("test.setting",), build)
    assert len(built) == 2
