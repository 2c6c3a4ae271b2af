"""Every ledger number is unique and says where the item comes from; the database refuses a duplicate."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings import services as meeting_services
from meetings.models import MeetingType
from tasks import plan_import, services
from tasks.models import Origin, Task
from tasks.services import TransitionRefused

from .test_plan_import_once import JIAOZUO, WUSHEN


def _import(world, text):
    parsed = plan_import.parse(text)
    return plan_import.import_plan(parsed=parsed, source_text=text, by=world.user("office"), create_units=True)


def test_meeting_decisions_are_numbered_by_their_meeting_and_order(world):
    office = world.user("office")
    meeting = meeting_services.schedule(
        by=office, type=MeetingType.objects.get(name="全体联席会议"), title="联席会议全体会议", number=3,
        starts_at=timezone.now() - datetime.timedelta(hours=2), units=[world.unit("旗公安局")])
    meeting_services.record_minutes(meeting=meeting, by=office, minutes="会议纪要")
    for text in ("建立信息共享机制", "完善出庭应诉通报"):
        meeting_services.add_decision(meeting=meeting, by=office, text=text, lead_units=[world.unit("旗公安局")])
    _import(world, WUSHEN)  # plan items 1, 2, … must not collide with the decisions
    tasks = meeting_services.confirm_decisions(meeting=meeting, by=office)
    year = timezone.localdate(meeting.starts_at).year
    assert [t.number for t in tasks] == [f"{year}年第3次全体联席会议-1", f"{year}年第3次全体联席会议-2"]


def test_a_second_plan_with_the_same_numbers_is_prefixed_with_its_own_name(world):
    wushen = _import(world, WUSHEN)
    jiaozuo = _import(world, JIAOZUO)
    assert wushen.tasks.get(sort_key="01.01").number == "1"
    first = jiaozuo.tasks.order_by("sort_key").first()
    assert first.number == f"{jiaozuo.title[:20]}-1"
    numbers = list(Task.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 55


def test_ad_hoc_items_have_their_own_series_and_a_typed_duplicate_is_refused(world):
    office = world.user("office")
    unit = world.unit("旗公安局")

    def adhoc(number=""):
        return services.create_task(by=office, origin=Origin.ADHOC, title="临时事项", number=number,
                                    lead_units=[unit], due_date=datetime.date(2027, 1, 1))

    assert [adhoc().number, adhoc().number] == ["临-1", "临-2"]
    adhoc("专-7")
    with pytest.raises(TransitionRefused, match="专-7"):
        adhoc("专-7")


def test_the_database_refuses_two_items_with_one_number(world):
    Task.objects.create(title="甲", number="9", deadline_kind="none")
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(title="乙", number="9", deadline_kind="none")


@pytest.mark.parametrize("size", [3, 300])
def test_a_plans_numbers_are_checked_in_two_queries_whatever_its_size(world, size, django_assert_max_num_queries):
    from tasks.models import Plan
    from tasks.numbering import plan_numbers

    plan = Plan.objects.create(title="府院联动实施方案")
    with django_assert_max_num_queries(2):
        numbers = plan_numbers(plan, [str(i + 1) for i in range(size)])
    assert numbers == [str(i + 1) for i in range(size)]


def test_a_repeated_or_taken_plan_number_gets_the_next_free_suffix(world):
    from tasks.models import Plan
    from tasks.numbering import plan_numbers

    plan = Plan.objects.create(title="府院联动实施方案")
    assert plan_numbers(plan, ["1", "2", "2", ""]) == ["1", "2", "2（2）", ""]
    Task.objects.create(title="甲", number="1", deadline_kind="none")
    Task.objects.create(title="乙", number="府院联动实施方案-2", deadline_kind="none")
    Task.objects.create(title="丙", number="府院联动实施方案-2（2）", deadline_kind="none")
    prefix = "府院联动实施方案-"
    assert plan_numbers(plan, ["1", "2", "3"]) == [prefix + "1", prefix + "2（3）", prefix + "3"]
