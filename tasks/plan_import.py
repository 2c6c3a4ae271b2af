"""A parsed plan becomes a reviewed ledger: printed unit names matched to member units, then one transaction.

Nothing is written until `import_plan` runs; it writes the plan (with its source text), its categories
and every task, or nothing. Names the office maps by hand are remembered as aliases of the unit.
"""

import dataclasses
import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role
from fuyuan.units.models import MemberUnit, UnitGroup, UnitKind, normalise_unit_name

from . import deadlines, numbering, plan_reader
from .bulk_create import NewTask, create_tasks
from .models import Category, DeadlineKind, Origin, Plan, PlanReview
from .services import TransitionRefused

MAX_PLAN_CHARS = 500_000

_KINDS = {
    plan_reader.DEADLINE_DATE: DeadlineKind.DATE,
    plan_reader.DEADLINE_LONG_TERM: DeadlineKind.LONG_TERM,
    plan_reader.DEADLINE_PERIODIC: DeadlineKind.PERIODIC,
    plan_reader.DEADLINE_NONE: DeadlineKind.NONE,
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
                text = plan_reader.read_docx(data)
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


def parse(text: str, add_lines=()):
    """Parse a plan's text, never refusing it: what was not understood comes back as unused lines.

    `add_lines` are indexes of unused lines the office turned into tasks on the review page.
    """
    parsed = plan_reader.parse_plan(text)
    parsed.added_lines = plan_reader.add_unused_lines(parsed, list(add_lines))
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


def resolve(parsed, mapping=None, collectives=None) -> tuple[dict, list[str]]:
    """{printed name: [units]} for every name, using the office's `mapping` {name: unit id} first; and the unmatched.

    `collectives` {collective name: unit ids} narrows a collective to the units the office kept ticked.
    """
    mapping, collectives = mapping or {}, collectives or {}
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
        elif name in collectives and normalise_unit_name(name) in groups:
            resolved[name] = [unit for unit in units if unit.pk in collectives[name]]
        else:
            resolved[name] = units
    return resolved, unmatched


def collective_expansions(parsed, mapping=None) -> list[tuple[str, list[MemberUnit]]]:
    """Each printed collective (旗直各相关部门…) with every unit it would expand to, in order of appearance."""
    mapping = mapping or {}
    groups = _groups()
    return [(name, groups[normalise_unit_name(name)]) for name in printed_names(parsed)
            if name not in mapping and normalise_unit_name(name) in groups]


def via_groups(parsed_task, resolved, collective_names) -> dict[int, str]:
    """{unit id: collective name} for the units a task names only through a collective."""
    named = {unit.pk for name in (*parsed_task.lead_units, *parsed_task.responsible_units)
             if name not in collective_names for unit in resolved.get(name, [])}
    via = {}
    for name in (*parsed_task.lead_units, *parsed_task.responsible_units):
        if name in collective_names:
            for unit in resolved.get(name, []):
                if unit.pk not in named:
                    via.setdefault(unit.pk, name[:100])
    return via


@dataclasses.dataclass
class PreviewRow:
    index: int
    task: object
    lead: list
    responsible: list
    warnings: list


def preview(parsed, mapping=None, collectives=None) -> tuple[list[PreviewRow], list[str]]:
    """One row per parsed task with its resolved units and warnings, and the names still unmatched."""
    resolved, unmatched = resolve(parsed, mapping, collectives)
    rows = []
    for index, task in enumerate(parsed.tasks):
        warnings = list(task.warnings)
        missing = list(dict.fromkeys(name for name in (*task.lead_units, *task.responsible_units)
                                     if name not in resolved))
        if missing:
            warnings.append(_("Unmatched unit: %(names)s") % {"names": "、".join(missing)})
        if not task.lead_units:
            warnings.append(_("No lead unit"))
        if task.deadline_kind == plan_reader.DEADLINE_NONE:
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


def units_without_liaison(rows) -> list[MemberUnit]:
    """The units the reviewed items name that no active account acts for: they would stay 未签收."""
    ids = {unit.pk for row in rows for unit in (*row.lead, *row.responsible)}
    return list(MemberUnit.objects.filter(pk__in=ids).without_liaison().order_by("order", "name"))


# ---------------------------------------------------------------- writing


def review_token(user, token="") -> str:
    """The review page's one-time token: the posted one while still unused, else a new one (stored in the DB)."""
    import secrets

    if token and PlanReview.objects.filter(token=token, user=user, used_at__isnull=True).exists():
        return token
    return PlanReview.objects.create(token=secrets.token_urlsafe(32), user=user).token


def _use_review_token(token, user):
    """Spend the review's token under a row lock: a second confirmation from the same page is refused."""
    from django.utils import timezone

    review = PlanReview.objects.select_for_update().filter(token=token, user=user).first()
    if review is None:
        raise TransitionRefused(_("This review page is no longer valid; preview the plan again."))
    if review.used_at:
        plan = review.plan
        raise TransitionRefused(
            _("This plan was already imported from this page (%(plan)s); nothing was imported again.")
            % {"plan": (plan.doc_number or plan.title) if plan else "—"})
    review.used_at = timezone.now()
    review.save(update_fields=["used_at"])
    return review


def source_fingerprint(text: str) -> str:
    """sha256 of the text with its whitespace collapsed: the same plan pasted or uploaded again matches."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def already_imported(parsed, source_text) -> Plan | None:
    """The latest plan in the ledger with this 文号 or this very text, if any."""
    from django.db.models import Q

    same = Q(source_hash=source_fingerprint(source_text))
    if parsed.doc_number:
        same |= Q(doc_number=parsed.doc_number[:100])
    return Plan.objects.filter(same).order_by("-version", "-pk").first()


def _refuse_duplicate(parsed, source_text, as_new_version):
    """A plan already in the ledger is refused unless the office imports it as a new version (returned)."""
    previous = already_imported(parsed, source_text)
    if previous is not None and not as_new_version:
        raise TransitionRefused(
            _("This plan is already in the ledger (%(plan)s, imported %(when)s). To import it again, tick "
              "“import as a new version”.") % {"plan": previous.doc_number or previous.title,
                                                "when": f"{previous.created_at:%Y-%m-%d}"})
    return previous


@transaction.atomic
def import_plan(*, parsed, source_text, by, mapping=None, create_units=False, edits=None, assign_now=False,
                check_role=True, request=None, as_new_version=False, collectives=None, token=None) -> Plan:
    """Write the plan, its categories and every task in one transaction (all or nothing).

    `mapping` {printed name: unit id} is remembered as aliases; unmatched names are refused unless
    `create_units`, which creates them as units of kind "other". `edits` {task index: {"title", "due_date",
    "skip"}} are the office's inline corrections from the review page. A plan whose 文号 or text is already
    in the ledger is refused unless `as_new_version`, which links it to the latest earlier version.
    `collectives` {printed collective name: [unit ids]} narrows what a collective name expands to.
    `token` (the review page's) confirms at most once; the command line has none.
    """
    if check_role and not has_role(by, Role.OFFICE):
        raise TransitionRefused(_("Only the joint-meeting office can do this."))
    if not any(not (edits or {}).get(i, {}).get("skip") for i in range(len(parsed.tasks))):
        raise TransitionRefused(_("There is no item to import: turn one of the unused lines into an item, "
                                  "or paste another text."))
    review = _use_review_token(token, by) if token is not None else None
    previous = _refuse_duplicate(parsed, source_text, as_new_version)
    mapping = {name: pk for name, pk in (mapping or {}).items() if pk}
    resolved, unmatched = resolve(parsed, mapping, collectives)
    collective_names = {name for name, _units in collective_expansions(parsed, mapping)}
    if unmatched and not create_units:
        raise TransitionRefused(_("Map every unmatched unit first: %(names)s") % {"names": "、".join(unmatched)})
    for name in unmatched:
        unit = MemberUnit(name=name[:100], kind=UnitKind.OTHER, order=900)
        unit.full_clean()
        unit.save()
        resolved[name] = [unit]
    _remember_aliases(mapping, resolved)
    plan = Plan.objects.create(title=parsed.title[:200] or _("Untitled plan"), doc_number=parsed.doc_number[:100],
                               source_text=source_text, source_hash=source_fingerprint(source_text),
                               previous_version=previous, version=previous.version + 1 if previous else 1)
    categories = {}
    for order, (number, title) in enumerate(parsed.categories):
        categories[title] = Category.objects.create(plan=plan, number=number[:20], title=title[:200] or "—",
                                                    order=order)
    edits = edits or {}
    kept = [index for index, _task in enumerate(parsed.tasks) if not edits.get(index, {}).get("skip")]
    numbers = dict(zip(kept, numbering.plan_numbers(plan, [parsed.tasks[i].number for i in kept]), strict=True))
    new_tasks = []
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
        new_tasks.append(NewTask(
            origin=Origin.PLAN, plan=plan, category=categories.get(parsed_task.category),
            number=numbers[index], sort_key=parsed_task.sort_key, title=edit.get("title") or parsed_task.title,
            body=parsed_task.body, lead_units=_units(parsed_task.lead_units, resolved),
            responsible_units=_units(parsed_task.responsible_units, resolved),
            lead_text=parsed_task.lead_text[:500], responsible_text=parsed_task.responsible_text[:500],
            via_groups=via_groups(parsed_task, resolved, collective_names),
            deadline_kind=kind, due_date=due_date if kind == DeadlineKind.DATE else None,
            deadline_text=parsed_task.deadline_text[:100],
            cycle=parsed_task.cycle if parsed_task.cycle in deadlines.CYCLES else "",
        ))
    # One insert per table for the whole plan, each item still with its own events and audit entries.
    create_tasks(new_tasks, by=by if check_role else None, request=request,
                 assign_on=timezone.localdate() if assign_now else None)
    if review is not None:
        review.plan = plan
        review.save(update_fields=["plan"])
    return plan


def _remember_aliases(mapping, resolved):
    """A printed name the office mapped by hand becomes an alias, so the next plan matches by itself."""
    for name, _pk in mapping.items():
        for unit in resolved.get(name, []):
            if name not in unit.all_names():
                unit.aliases = [*unit.aliases, name]
                unit.save()
