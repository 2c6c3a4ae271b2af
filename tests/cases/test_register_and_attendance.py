"""Registering cases (court: litigation; office: reviews), 出庭人员报备 by the defendant unit, and who sees what."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Case, Hearing
from tasks.services import TransitionRefused

from .builders import case

TODAY = timezone.localdate()


def data(world, **extra):
    return {"proceeding": "litigation", "number": "(2026)蒙0626行初21号", "court": "", "instance": "first",
            "cause": "行政处罚", "plaintiff_type": "person", "defendant": world.unit("旗公安局"), "defendant_name": "",
            "filed_on": datetime.date(2026, 3, 1), **extra}


def test_the_court_registers_a_case_with_the_number_normalised(world):
    made = services.register_case(by=world.user("court"), data=data(world), hearings=[datetime.date(2026, 4, 1)])
    assert made.number == "（2026）蒙0626行初21号"
    assert made.court == "旗人民法院" and made.court_unit == world.unit("旗人民法院")
    assert made.hearings.count() == 1


@pytest.mark.parametrize("number", ["2026蒙0626行初21号", "（2026）蒙0626民初21号", "（26）蒙0626行初21号", ""])
def test_a_case_number_not_in_the_courts_format_is_refused(world, number):
    with pytest.raises(TransitionRefused, match="案号"):
        services.register_case(by=world.user("court"), data=data(world, number=number))
    assert not Case.objects.exists()


def test_the_number_must_match_the_instance_and_be_unique(world):
    with pytest.raises(TransitionRefused, match="审级"):
        services.register_case(by=world.user("court"), data=data(world, instance="second"))
    services.register_case(by=world.user("court"), data=data(world))
    with pytest.raises(TransitionRefused, match="已登记"):
        services.register_case(by=world.user("court"), data=data(world))


def test_outcome_rules(world):
    with pytest.raises(TransitionRefused, match="结案"):
        services.register_case(by=world.user("court"), data=data(world, outcome="upheld"))
    with pytest.raises(TransitionRefused):  # 协调化解 only for a withdrawn case
        services.register_case(by=world.user("court"), data=data(
            world, outcome="upheld", closed_on=datetime.date(2026, 5, 1), coordinated=True))
    with pytest.raises(TransitionRefused):  # 终止 is a review decision
        services.register_case(by=world.user("court"), data=data(
            world, outcome="terminated", closed_on=datetime.date(2026, 5, 1)))


def test_who_may_register(world):
    with pytest.raises(TransitionRefused):
        services.register_case(by=world.user("gaj"), data=data(world))
    with pytest.raises(TransitionRefused):  # the procuratorate is an issuer but not a court
        services.register_case(by=world.user("procuratorate"), data=data(world))
    with pytest.raises(TransitionRefused):  # reviews are the office's
        services.register_case(by=world.user("court"), data=data(world, proceeding="review",
                                                                 number="乌审政复〔2026〕1号",
                                                                 instance=""))
    review = services.register_case(by=world.user("office"), data=data(
        world, proceeding="review", number="乌审政复〔2026〕1号", instance="", court="乌审旗人民政府"))
    assert review.court_unit is None


def test_the_defendant_unit_reports_its_head_before_the_hearing(world):
    made = case(world, filed=TODAY - datetime.timedelta(days=30),
                hearings=[(TODAY + datetime.timedelta(days=3), "")])
    hearing = made.hearings.get()
    response = world.client("gaj").post(reverse("cases:report_attendance", args=[hearing.pk]), {
        f"h{hearing.pk}-attendance": "deputy", f"h{hearing.pk}-head_name": "李明", f"h{hearing.pk}-head_post": "副局长",
        f"h{hearing.pk}-spoke": "on"})
    assert response.status_code == 302
    hearing.refresh_from_db()
    assert (hearing.attendance, hearing.head_name, hearing.spoke) == ("deputy", "李明", True)
    assert hearing.reported_by == world.user("gaj")


def test_a_head_needs_a_name_and_post_and_another_unit_cannot_report(world):
    made = case(world, filed=TODAY - datetime.timedelta(days=30), hearings=[(TODAY + datetime.timedelta(days=3), "")])
    hearing = made.hearings.get()
    with pytest.raises(TransitionRefused):
        services.report_attendance(hearing=hearing, by=world.user("gaj"), attendance="principal")
    with pytest.raises(TransitionRefused):
        services.report_attendance(hearing=hearing, by=world.user("czj"), attendance="absent")
    assert Hearing.objects.get(pk=hearing.pk).attendance == ""


def test_after_the_hearing_only_the_court_records_attendance(world):
    made = case(world, filed=TODAY - datetime.timedelta(days=30), hearings=[(TODAY - datetime.timedelta(days=1), "")])
    hearing = made.hearings.get()
    with pytest.raises(TransitionRefused, match="已开庭|held"):
        services.report_attendance(hearing=hearing, by=world.user("gaj"), attendance="absent")
    services.report_attendance(hearing=hearing, by=world.user("court"), attendance="absent")
    assert Hearing.objects.get(pk=hearing.pk).attendance == "absent"


def test_a_liaison_sees_only_its_units_cases(world):
    own = case(world, defendant="旗公安局")
    other = case(world, defendant="旗住建局")
    client = world.client("gaj")
    listing = client.get(reverse("cases:list")).content.decode()
    assert own.number in listing and other.number not in listing
    assert client.get(reverse("cases:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[own.pk])).status_code == 200
    hearings = client.get(reverse("cases:hearings")).content.decode()
    assert other.number not in hearings
    assert world.client("leader").get(reverse("cases:detail", args=[other.pk])).status_code == 200
    assert world.client("leader").get(reverse("cases:edit", args=[other.pk])).status_code == 403


def test_the_court_records_the_outcome_through_the_edit_page(world):
    made = case(world, filed=datetime.date(2026, 1, 5))
    client = world.client("court")
    form = {"proceeding": "litigation", "number": made.number, "instance": "first", "cause": "行政处罚",
            "plaintiff_type": "person", "defendant": world.unit("旗公安局").pk, "filed_on": "2026-01-05",
            "closed_on": "2026-03-01", "outcome": "withdrawn", "coordinated": "on"}
    response = client.post(reverse("cases:edit", args=[made.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    made.refresh_from_db()
    assert (made.outcome, made.coordinated, made.closed_on) == ("withdrawn", True, datetime.date(2026, 3, 1))
    from auditlog.models import LogEntry

    assert LogEntry.objects.filter(object_pk=str(made.pk), additional_data__transition="case_updated").exists() or \
        LogEntry.objects.filter(object_pk=str(made.pk)).exists()
