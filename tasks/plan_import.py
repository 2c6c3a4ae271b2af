"""A parsed plan becomes a reviewed ledger: printed unit names matched to member units, then one transaction.

Nothing is written until `import_plan` runs; it writes the plan (with its source text), its categories
and every task, or nothing. Names the office maps by hand are remembered as aliases of the unit.
"""

import dataclasses

from django.db import transaction
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role
from fuyuan.units.models import MemberUnit, UnitGroup, UnitKind, normalise_unit_name

from . import deadlines, plan_parser
from .models import Category, DeadlineKind, Origin, Plan
from .services import TransitionRefused, assign, create_task

MAX_PLAN_CHARS = 500_000

_KINDS = {
    plan_parser.DEADLINE_DATE: DeadlineKind.DATE,
    plan_parser.DEADLINE_LONG_TERM: DeadlineKind.LONG_TERM,
    plan_parser.DEADLINE_PERIODIC: DeadlineKind.PERIODIC,
    plan_parser.DEADLINE_NONE: DeadlineKind.NONE,
}


class PlanInputError(ValueError):
    """The uploaded or pasted plan cannot be read; the message says why, in the user's language."""


def read_plan_source(*, text="", upload=None) -> str:
    """The plan's text from a paste or an uploaded .txt / .docx, or a PlanInputError."""
    if upload is not None:
        from fuyuan.lib.upload_policy import PLAN_SOURCE, UploadRefused, check_upload

        try:
            check_upload(upload, PLAN_SOURCE)
            data = upload.read()
            if (upload.name or "").lower().endswith(".docx"):
                text = plan_parser.read_docx(data)
            else:
                text = _decode(data)
        except UploadRefused as refusal:
            raise PlanInputError(str(refusal)) from refusal
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise PlanInputError(_("The plan is empty."))
    if len(text) > MAX_PLAN_CHARS:
        raise PlanInputError(_("The plan is longer than %(n)s characters.") % {"n": MAX_PLAN_CHARS})
    return text


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise PlanInputError(_("This file is not text; upload a .docx or .txt file."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanInputError(_("This file is not text; upload a .docx or .txt file."))


def parse(text: str):
    """Parse a plan's text; a text with no numbered task is refused."""
    parsed = plan_parser.parse_plan(text)
    if not parsed.tasks:
        raise PlanInputError(_("No numbered task was found in this text."))
    return parsed


# ---------------------------------------------------------------- unit matching


def match_unit_name(printed: str, groups=None) -> list[MemberUnit] | None:
    """The units a printed name stands for: a group's units, or the one matching unit; None when unmatched."""
    groups = groups if groups is not None else _groups()
    key = normalise_unit_name(printed)
    if key in groups:
        return groups[key]
    candidates = list(MemberUnit.objects.filter(active=True).matching(printed).order_by("order", "pk")[:2])
    if len(candidates) == 1:
        return candidates
    exact = [unit for unit in candidates if unit.name == printed]
    return exact[:1] or None


def _groups():
    groups = {}
    for group in UnitGroup.objects.filter(active=True).prefetch_related("units"):
        for name in (group.name, *group.aliases):
            groups[normalise_unit_name(name)] = [unit for unit in group.units.all() if unit.active]
    return groups


def printed_names(parsed) -> list[str]:
    """Every unit name printed in the plan, in order of first appearance."""
    seen = []
    for task in parsed.tasks:
        for name in (*task.lead_units, *task.responsible_units):
            if name not in seen:
                seen.append(name)
    return seen


def resolve(parsed, mapping=None) -> tuple[dict, list[str]]:
    """{printed name: [units]} for every name, using the office's `mapping` {name: unit id} first; and the unmatched."""
    mapping = mapping or {}
    groups = _groups()
    mapped_units = MemberUnit.objects.in_bulk([pk for pk in mapping.values() if pk])
    resolved, unmatched = {}, []
    for name in printed_names(parsed):
        if mapping.get(name) in mapped_units:
            resolved[name] = [mapped_units[mapping[name]]]
            continue
        units = match_unit_name(name, groups)
        if units is None:
            unmatched.append(name)
        else:
            resolved[name] = units
    return resolved, unmatched


@dataclasses.dataclass
class PreviewRow:
    index: int
    task: object
    lead: list
    responsible: list
    warnings: list


def preview(parsed, mapping=None) -> tuple[list[PreviewRow], list[str]]:
    """One row per parsed task with its resolved units and warnings, and the names still unmatched."""
    resolved, unmatched = resolve(parsed, mapping)
    rows = []
    for index, task in enumerate(parsed.tasks):
        warnings = list(task.warnings)
        missing = list(dict.fromkeys(name for name in (*task.lead_units, *task.responsible_units)
                                     if name not in resolved))
        if missing:
            warnings.append(_("Unmatched unit: %(names)s") % {"names": "、".join(missing)})
        if not task.lead_units:
            warnings.append(_("No lead unit"))
        if task.deadline_kind == plan_parser.DEADLINE_NONE:
            warnings.append(_("No deadline"))
        rows.append(PreviewRow(index, task, _units(task.lead_units, resolved), _units(task.responsible_units, resolved),
                               warnings))
    return rows, unmatched


def _units(names, resolved):
    units = []
    for name in names:
        for unit in resolved.get(name, []):
            if unit not in units:
                units.append(unit)
    return units


# ---------------------------------------------------------------- writing


@transaction.atomic
def import_plan(*, parsed, source_text, by, mapping=None, create_units=False, edits=None, assign_now=False,
                check_role=True, request=None) -> Plan:
    """Write the plan, its categories and every task in one transaction (all or nothing).

    `mapping` {printed name: unit id} is remembered as aliases; unmatched names are refused unless
    `create_units`, which creates them as units of kind "other". `edits` {task index: {"title", "due_date",
    "skip"}} are the office's inline corrections from the review page.
    """
    if check_role and not has_role(by, Role.OFFICE):
        raise TransitionRefused(_("Only the joint-meeting office can do this."))
    mapping = {name: pk for name, pk in (mapping or {}).items() if pk}
    resolved, unmatched = resolve(parsed, mapping)
    if unmatched and not create_units:
        raise TransitionRefused(_("Map every unmatched unit first: %(names)s") % {"names": "、".join(unmatched)})
    for name in unmatched:
        unit = MemberUnit(name=name[:100], kind=UnitKind.OTHER, order=900)
        unit.full_clean()
        unit.save()
        resolved[name] = [unit]
    _remember_aliases(mapping, resolved)
    plan = Plan.objects.create(title=parsed.title[:200] or _("Untitled plan"), doc_number=parsed.doc_number[:100],
                               source_text=source_text)
    categories = {}
    for order, (number, title) in enumerate(parsed.categories):
        categories[title] = Category.objects.create(plan=plan, number=number[:20], title=title[:200] or "—",
                                                    order=order)
    edits = edits or {}
    for index, parsed_task in enumerate(parsed.tasks):
        edit = edits.get(index, {})
        if edit.get("skip"):
            continue
        kind = _KINDS.get(parsed_task.deadline_kind, DeadlineKind.NONE)
        due_date = edit.get("due_date") or parsed_task.due_date
        if kind == DeadlineKind.DATE and due_date is None:
            kind = DeadlineKind.NONE
        if edit.get("due_date") and kind != DeadlineKind.DATE:
            kind = DeadlineKind.DATE
        task = create_task(
            by=by, check_role=False, origin=Origin.PLAN, plan=plan, category=categories.get(parsed_task.category),
            number=parsed_task.number, sort_key=parsed_task.sort_key, title=edit.get("title") or parsed_task.title,
            body=parsed_task.body, lead_units=_units(parsed_task.lead_units, resolved),
            responsible_units=_units(parsed_task.responsible_units, resolved),
            lead_text=parsed_task.lead_text[:500], responsible_text=parsed_task.responsible_text[:500],
            deadline_kind=kind, due_date=due_date if kind == DeadlineKind.DATE else None,
            deadline_text=parsed_task.deadline_text[:100],
            cycle=parsed_task.cycle if parsed_task.cycle in deadlines.CYCLES else "", request=request,
        )
        if assign_now and task.assignments.exists():
            assign(task=task, by=by, request=request) if check_role else _assign_as_operator(task)
    return plan


def _assign_as_operator(task):
    """The CLI has no signed-in office account: assign with the office check already made by the operator."""
    from django.utils import timezone

    from .models import EventKind, Status
    from .services import _event

    task.status = Status.ASSIGNED
    task.assigned_on = timezone.localdate()
    task.save(update_fields=["status", "assigned_on", "updated_at"])
    _event(task, EventKind.ASSIGNED, before=Status.DRAFT)


def _remember_aliases(mapping, resolved):
    """A printed name the office mapped by hand becomes an alias, so the next plan matches by itself."""
    for name, _pk in mapping.items():
        for unit in resolved.get(name, []):
            if name not in unit.all_names():
                unit.aliases = [*unit.aliases, name]
                unit.save()
