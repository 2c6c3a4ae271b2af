"""Ledger numbers: unique across the whole ledger, and each one says where the item comes from.

- plan items keep the number printed in the plan (「7」) while no other item in the ledger uses it; when a
  second plan (or a new version of one) would repeat numbers, all its items are prefixed with the plan's
  文号 (「焦政〔2020〕5号-7」, 「乌政发〔2023〕9号（第2版）-7」) or, without one, its title;
- meeting decisions: the meeting's year, session and type and the decision's order (「2026年第3次全体联席会议-2」);
- suggestion replies: the suggestion's 文号;
- ad hoc items: their own series 「临-1」, 「临-2」… unless the office types a number.

A number already taken gets 「（2）」, 「（3）」… rather than failing (the database refuses duplicates anyway).
"""

from django.utils.translation import gettext as _

MAX_LENGTH = 60
ADHOC_PREFIX = "临-"


def series_label(*, type_name: str, group_name: str = "", session=None, day=None) -> str:
    """The meeting part of a decision's number: 2026年第3次全体联席会议, or the date when it has no session."""
    base = (group_name + "会议" if group_name else type_name)[:36]
    if session and day:
        return f"{day.year}年第{session}次{base}"
    if day:
        return f"{day.year}年{day.month}月{day.day}日{base}"
    return base


def decision_number(meeting, order: int) -> str:
    """The ledger number of a meeting's decision number `order`."""
    from django.utils import timezone

    label = series_label(type_name=meeting.type.name, group_name=meeting.group.name if meeting.group_id else "",
                         session=meeting.number, day=timezone.localdate(meeting.starts_at))
    return free_number(f"{label}-{order}")


def taken(numbers, exclude_pk=None) -> set[str]:
    """Which of these numbers an item in the ledger already carries."""
    from .models import Task

    existing = Task.objects.filter(number__in=[n for n in numbers if n])
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    return set(existing.values_list("number", flat=True))


def free_number(number: str, exclude_pk=None) -> str:
    """`number` if no item carries it, else the first free 「number（n）」."""
    number = number[:MAX_LENGTH]
    if not number or not taken([number], exclude_pk):
        return number
    for n in range(2, 1000):
        suffix = f"（{n}）"
        candidate = number[:MAX_LENGTH - len(suffix)] + suffix
        if not taken([candidate], exclude_pk):
            return candidate
    raise ValueError(number)


def next_adhoc_number() -> str:
    """The next free number of the ad hoc series 临-N."""
    from .models import Task

    used = Task.objects.filter(number__startswith=ADHOC_PREFIX).values_list("number", flat=True)
    highest = max((int(n.removeprefix(ADHOC_PREFIX)) for n in used if n.removeprefix(ADHOC_PREFIX).isdigit()),
                  default=0)
    return free_number(f"{ADHOC_PREFIX}{highest + 1}")


def plan_prefix(plan) -> str:
    """What a plan's numbers are prefixed with when they would repeat another plan's."""
    base = plan.doc_number or plan.title[:20] or _("Plan %(pk)s") % {"pk": plan.pk}
    if plan.version > 1:
        base = f"{base}（第{plan.version}版）"
    return base[:40]


def plan_numbers(plan, printed: list[str]) -> list[str]:
    """The ledger numbers of a plan's items, in order: as printed if all are free, else all prefixed."""
    clash = plan.version > 1 or bool(taken(printed))
    numbers = [(f"{plan_prefix(plan)}-{n}" if (clash and n) else n)[:MAX_LENGTH] for n in printed]
    # Which are taken, in one query for the whole plan; only a suffixed candidate (rare) is looked up alone.
    used = taken(numbers)
    seen, result = set(), []
    for number in numbers:
        candidate = number
        n = 2
        while candidate and (candidate in seen or candidate in used or (candidate != number and taken([candidate]))):
            candidate = f"{number}（{n}）"
            n += 1
        seen.add(candidate)
        result.append(candidate)
    return result
