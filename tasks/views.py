"""Supervision pages: the ledger, a task with its timeline and actions, the office's queue, notifications.

Views parse the request, call a selector or a service, and render. Every lookup starts from
`Task.objects.visible_to(user)` (through `ledger_tasks`), so another unit's item is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import UNIT_ROLES, Role, has_role, role_required
from fuyuan.lib.params import pk_list, safe_next
from fuyuan.messaging.receipts import mark_item_read

from . import deadlines, ledger_paging, services, task_page
from .filters import LedgerFilter
from .forms import (
    BulkRemindForm,
    ClosureForm,
    DecisionForm,
    ExtensionForm,
    NoteForm,
    ReasonForm,
    RemindForm,
    ReportForm,
    TaskForm,
)
from .models import (
    Attachment,
    DeadlineKind,
    EventKind,
    ExtensionRequest,
    Notification,
    Origin,
)
from .next_step import next_steps
from .queues import office_queues, units_without_liaison_waiting
from .selectors import (
    SharedLedger,
    ledger_tasks,
    light_count_groups,
    light_counts_from_groups,
    missing_periods,
    missing_periods_by_unit,
    report_period_choices,
    task_for_page,
    user_kind,
)
from .services import TransitionRefused

# Who may open the supervision pages at all; rows are then scoped per user.
READERS = (Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER)
PAGE_SIZE = 50


def _filtered_ledger(request, today):
    """The user's ledger filtered by the request: (filter, rows, counts' base, order, shared statements).

    One filter validation gives both the rows and the base of the counts per light (every filter but the
    light and 缺报); `order` is the ledger's total order (ledger_paging.ledger_order); the shared statements: see
    shared_ledger_key.
    """
    from . import light_state

    stored = light_state.current(today)
    visible = ledger_tasks(request.user, today, catch_up="current" if stored else False)
    ledger_filter = LedgerFilter(request.GET or None, queryset=visible, request=request)
    rows, counts_base, sort = ledger_filter.querysets()
    return (ledger_filter, rows, counts_base, ledger_paging.ledger_order(sort),
            shared_ledger_key(request, today, stored, sort))


# The request's parameters that may vary while the ledger's statements stay the same for every reader.
SHARED_PARAMS = {"page", "sort"}


def shared_ledger_key(request, today, stored: bool, sort) -> SharedLedger | None:
    """The ledger's counts and page rows as statements compiled once for this kind of reader, or None.

    With no filter but the order and the page number, and the stored lights current, the counts' and rows' SQL
    depends only on the order, the page, the day and the reader's kind (Task.objects.visible_to's rule: the
    office and leaders see every item, a liaison their unit's, whose id is the statement's one value): it is
    compiled once for them, with a stand-in for the unit, and then only run (fuyuan.lib.sql.compiled_rows adds
    the day and forgets on a setting's change). Compiling the two had cost ~1 ms of the default ledger page at
    10,000 items. Any other request builds and compiles them as always.
    """
    if not stored or set(request.GET) - SHARED_PARAMS:
        return None
    kind = user_kind(request.user)
    return SharedLedger(key=("sort", tuple(sort), kind), values=(request.user.unit_id or 0,), kind=kind, today=today)


def _without(request, *names):
    """The query string without some parameters (for links that replace them)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


# What a ledger row shows, read as values (no model instances): see ledger_rows().
ROW_FIELDS = ("pk", "number", "title", "lead_text", "responsible_text", "deadline_kind", "deadline_text",
              "due_date", "cycle", "status", "origin", "category__title", "light", "missing_report",
              "latest_progress")
PAGING = ("page", "after", "before")


def ledger_rows(rows, detail_url="/tasks/{}/", steps=None):
    """The ledger's rows prepared for the template in one pass: every cell's text or HTML, from value dicts.

    `rows`: dicts with ROW_FIELDS. The units come in one query (by part and printed order). The template
    then only prints these values. `steps`: {pk: the reader's own next step} (tasks.next_step), shown on the cards.
    """
    steps = steps or {}
    from fuyuan.lib.text import clipper

    from .models import Status, UnitRole, deadline_display
    from .templatetags.supervision import cn_date, light_badge

    units = {}
    for task_id, role, name, short_name in _page_units([row["pk"] for row in rows]):
        units.setdefault((task_id, role), []).append(short_name or name)
    # Labels translated once for the page, not once a row.
    statuses = {value: str(label) for value, label in Status.choices}
    origins = {value: str(label) for value, label in Origin.choices}
    progress = clipper(60)
    prepared = []
    for row in rows:
        pk = row["pk"]
        prepared.append({
            "pk": pk,
            "url": detail_url.format(pk),
            "number": row["number"],
            "category": row["category__title"] or origins.get(row["origin"], row["origin"]),
            "title": row["title"],
            "lead": _printed_units(row["lead_text"], units.get((pk, UnitRole.LEAD), ())),
            "responsible": _printed_units(row["responsible_text"], units.get((pk, UnitRole.RESPONSIBLE), ())),
            "deadline": deadline_display(row["deadline_kind"], row["deadline_text"], row["due_date"], row["cycle"]),
            "due": cn_date(row["due_date"]) if row["deadline_text"] and row["due_date"] else "",
            "status": statuses.get(row["status"], row["status"]),
            "light": light_badge(row["light"]),
            "missing_report": row["missing_report"],
            "progress": progress(row["latest_progress"] or ""),
            "next_step": steps.get(pk, ""),
        })
    return prepared


def _page_units(task_ids):
    """(task, part, unit name, short name) of these tasks' units by part and printed order, in plain SQL:
    TaskUnit.objects.filter(task_id__in=…).order_by("role", "order", "pk").values_list(…, "unit__name", …)."""
    from fuyuan.lib.sql import fetch, name, placeholders
    from fuyuan.units.models import MemberUnit

    from .models import TaskUnit

    if not task_ids:
        return []
    return fetch(
        f"SELECT tu.{name(TaskUnit, 'task')}, tu.{name(TaskUnit, 'role')}, u.{name(MemberUnit, 'name')}, "
        f"u.{name(MemberUnit, 'short_name')} FROM {name(TaskUnit)} tu INNER JOIN {name(MemberUnit)} u "
        f"ON u.{name(MemberUnit, 'id')} = tu.{name(TaskUnit, 'unit')} "
        f"WHERE tu.{name(TaskUnit, 'task')} IN ({placeholders(task_ids)}) "
        f"ORDER BY tu.{name(TaskUnit, 'role')}, tu.{name(TaskUnit, 'order')}, tu.{name(TaskUnit, 'id')}",
        task_ids)


def ledger_rows_html(rows, can_remind):
    """The ledger's table rows as one HTML string, from ledger_rows()' prepared values.

    The same markup the row used to be in the template, built here: through the template each of a row's
    fifteen cells was a variable node with its own lookup and escaping, ~20 ms of a 50-row page on two cores;
    here a row is one string, its plain values escaped with html.escape and its HTML values (the units'
    tooltips, the light's badge) kept as they are. tests/tasks/test_ledger_rows_html.py holds the markup.
    """
    from html import escape

    from django.utils.safestring import SafeData, mark_safe

    def text(value):
        return str(value) if isinstance(value, SafeData) else escape(str(value))

    select, missing = escape(_("Select")), escape(_("Report missing"))
    missing_badge = f'<br><span class="badge text-bg-danger">{missing}</span>'
    out = []
    for r in rows:
        pk, number = r["pk"], text(r["number"])
        check = (f'<td class="d-print-none"><input type="checkbox" class="form-check-input" name="tasks" value="{pk}" '
                 f'form="bulk-remind" aria-label="{select} {number}"></td>') if can_remind else ""
        step = r["next_step"] and f'<div class="fy-next-step" data-testid="next-step">{text(r["next_step"])}</div>'
        due = f'<br><span class="text-muted">{text(r["due"])}</span>' if r["due"] else ""
        out.append(
            f'<tr data-task="{pk}">{check}\n'
            f'    <td class="text-nowrap">{number}</td>\n'
            f'    <td class="small">{text(r["category"])}</td>\n'
            f'    <td><a href="{text(r["url"])}">{text(r["title"])}</a>{step}</td>\n'
            f'    <td class="small">{text(r["lead"])}</td>\n'
            f'    <td class="small">{text(r["responsible"])}</td>\n'
            f'    <td class="small text-nowrap">{text(r["deadline"])}{due}</td>\n'
            f'    <td class="small text-nowrap">{text(r["status"])}</td>\n'
            f'    <td class="small">{text(r["light"])}{missing_badge if r["missing_report"] else ""}</td>\n'
            f'    <td class="small text-muted">{text(r["progress"])}</td>\n'
            f'  </tr>\n  ')
    return mark_safe("".join(out))


def _printed_units(printed, names):
    """The units as the plan printed them (旗直各部门), the matched units in a tooltip; else the matched units."""
    from django.utils.html import format_html

    joined = "、".join(names)
    if printed and printed != joined:
        return format_html('<span title="{}" class="printed-units">{}</span>', joined, printed)
    return joined


def _cleaned(ledger_filter) -> dict:
    """The filters' valid values (none for an unfiltered ledger: its form is then never built)."""
    return getattr(ledger_filter.form, "cleaned_data", {}) if ledger_filter.is_bound else {}


def _rows_total(data, groups, rows):
    """How many rows the filters leave, from the counts' groups (no COUNT query) when they tell it."""
    light, missing = data.get("light") or None, data.get("missing")
    if missing and data.get("unit"):
        return rows.order_by().count()  # a unit's own 缺报: not one of the groups
    return sum(n for group_light, group_missing, n in groups
               if (light is None or group_light == light) and (missing is None or group_missing == missing))


@role_required(*READERS)
def ledger(request):
    """督办台账: every visible item with its light, filterable, sortable, 50 a page, counts per light on top."""
    today = timezone.localdate()
    ledger_filter, rows, counts_base, order, shared = _filtered_ledger(request, today)
    # Counts per light for the current filters except the light and 缺报, so each count is a link that narrows.
    groups = light_count_groups(counts_base, today, shared)
    counts = light_counts_from_groups(groups)
    query = _without(request, *PAGING)
    data = _cleaned(ledger_filter)
    page = ledger_paging.ledger_page(rows.prefetch_related(None), order, request.GET,
                                     _rows_total(data, groups, rows), ROW_FIELDS, query, shared)
    detail_url = reverse("tasks:detail", args=[0]).replace("/0/", "/{}/")
    can_remind = has_role(request.user, Role.OFFICE)
    steps = next_steps(request.user, page.rows, today)
    rows_shown = ledger_rows(page.rows, detail_url, steps)
    return render(request, "tasks/ledger.html", {
        "filter": ledger_filter,
        "page": page,
        "rows": rows_shown,
        "rows_html": ledger_rows_html(rows_shown, can_remind),
        "counts": counts,
        "light_counts": [(light, counts[light]) for light in deadlines.LIGHTS],
        "active_light": request.GET.get("light", ""),
        "all_active": not (data.get("light") or data.get("missing")),
        "today": today,
        "query": query,
        "light_query": _without(request, *PAGING, "light", "missing"),
        "sort_query": _without(request, *PAGING, "sort"),
        "current_sort": request.GET.get("sort", ""),
        "can_remind": can_remind,
    })


@role_required(Role.OFFICE)
@require_POST
def bulk_remind(request):
    """催办 every selected open item in one go, with one message."""
    ids = pk_list(request.POST.getlist("tasks"))
    form = BulkRemindForm(request.POST)
    back = safe_next(request, request.POST.get("next"), reverse("tasks:ledger"))
    if not ids:
        messages.error(request, _("Select the items to chase first."))
        return redirect(back)
    if not form.is_valid():
        messages.error(request, _("Write the reminder's message."))
        return redirect(back)
    tasks = ledger_tasks(request.user).filter(pk__in=ids)
    try:
        items, sent = services.remind_many(tasks=tasks, by=request.user, message=form.cleaned_data["message"],
                                           request=request)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        skipped = len(ids) - items
        text = _("Reminders sent: %(items)s items, %(sent)s units.") % {"items": items, "sent": sent}
        if skipped:
            text += " " + _("%(n)s closed or cancelled items were skipped.") % {"n": skipped}
        messages.success(request, text)
    return redirect(back)


@role_required(Role.OFFICE)
def create(request):
    """An ad hoc item (临时交办事项), assigned at once unless the office keeps it as a draft."""
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.create_task(
                by=request.user, origin=Origin.ADHOC, title=data["title"], body=data["body"], number=data["number"],
                category=data["category"], plan=data["category"].plan if data["category"] else None,
                lead_units=list(data["lead_units"]), responsible_units=list(data["responsible_units"]),
                deadline_kind=data["deadline_kind"], due_date=data["due_date"], cycle=data["cycle"],
                deadline_text=data["deadline_text"], request=request,
            )
            if data["assign_now"]:
                services.assign(task=task, by=request.user, request=request)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Item created.") if not data["assign_now"] else _("Item created and assigned."))
            return redirect(task)
    return render(request, "tasks/task_form.html", {"form": form})


def _task_for(request, pk, assignments=True, flags=False):
    """The task if the user may see it; 404 otherwise (another unit's item does not exist for them).

    `assignments`: with its units prefetched (task_for_page); the item's page reads them itself, as values, and
    asks for the `flags` that spare it the queries of targets, sub-items and files an item does not have.
    """
    today = timezone.localdate()
    return task_for_page(request.user, pk, today, assignments=assignments, flags=flags), today


@role_required(*READERS)
def detail(request, pk):
    """One item: its units, deadline, light, timeline, and the actions this user may take now."""
    task, today = _task_for(request, pk, assignments=False, flags=True)
    mark_item_read(request.user, task.pk)  # the read receipt of every message about it to this account's unit
    return render(request, "tasks/task_detail.html", _detail_context(request, task, today))


@role_required(*READERS)
def notice_docx(request, pk):
    """The item's 督办通知单 (公文, .docx) with its tear-off 回执."""
    from urllib.parse import quote

    from . import documents

    task, today = _task_for(request, pk)
    if task.status == "draft":
        raise Http404
    response = HttpResponse(documents.supervision_notice(task, today), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    filename = quote(f"督办通知单-{task.number or task.pk}.docx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def _detail_context(request, task, today, forms=None):
    """The item page's context: its lists read once as printed values, and the forms of the actions open now."""
    user = request.user
    status = task.status
    # Whether each unit has a liaison is shown only while the item may still be worked on.
    assignments = task_page.unit_rows(task, with_liaison=status not in ("closed", "cancelled"))
    mine = next((a for a in assignments if a.unit_id == user.unit_id), None) if has_role(user, *UNIT_ROLES) else None
    reports = task_page.report_rows(task)
    owes_reports = task.owes_periodic_reports
    missing = missing_periods_by_unit(task, [a.unit_id for a in assignments], today,
                                      reported=[(r.unit_id, r.period_key) for r in reports]) if owes_reports else {}
    events = task_page.timeline(task)
    # Each extension or closure request and each removed unit is written with its event, by the one service that
    # makes it (services.request_extension, services.request_closure, editing._remove): when the timeline has no
    # such event, there is nothing to read.
    kinds = {event.kind for event in events}
    extensions = list(task.extensions.select_related("unit")) if EventKind.EXTENSION_REQUESTED in kinds else []
    closures = list(task.closures.select_related("unit")) if EventKind.CLOSURE_REQUESTED in kinds else []
    removed = list(task.removed_assignments.select_related("unit")) if EventKind.UNIT_REMOVED in kinds else []
    # The task's row says whether it has files, targets or sub-items at all (task_for_page): most have none.
    task_page.attach_files(task, reports, closures, any_files=getattr(task, "has_files", True))
    reports_html = task_page.report_rows_html(reports, task.pk)
    for row in assignments:
        row.missing = missing.get(row.unit_id, [])
    is_office = has_role(user, Role.OFFICE)
    is_open = task.is_open
    # At most one of each is pending (a constraint): found in the lists rather than by two more queries.
    pending_extension = next((e for e in extensions if e.decision == "pending"), None)
    pending_closure = next((c for c in closures if c.decision == "pending"), None)
    context = {
        "task": task,
        "today": today,
        "without_liaison": [a for a in assignments if not a.has_liaison],
        "removed_units": removed,
        "units_html": task_page.unit_rows_html(assignments, owes_reports),
        "lead_names": task_page.unit_names(assignments, "lead"),
        "responsible_names": task_page.unit_names(assignments, "responsible"),
        "owes_reports": owes_reports,
        "events": events,
        "events_html": task_page.timeline_html(events),
        "reports": reports,
        "reports_html": reports_html,
        "targets": task_page.targets(task) if getattr(task, "has_targets", True) else [],
        "children": task_page.children(user, task) if getattr(task, "has_children", True) else [],
        "extensions": extensions,
        "closures": closures,
        "pending_extension": pending_extension,
        "pending_closure": pending_closure,
        "mine": mine,
        "is_office": is_office,
        "is_lead": mine is not None and mine.role == "lead",
        "is_open": is_open,
        "date_deadline": task.deadline_kind == DeadlineKind.DATE,
    }
    # Only the forms of the actions this user can take now, i.e. the ones the page shows (a re-rendered invalid
    # form comes in `forms`).
    forms = forms or {}
    if mine and is_open and status != "closure_requested":
        owed = missing.get(mine.unit_id, [])
        context["owed_periods"] = owed
        context["report_form"] = forms.get("report") or ReportForm(
            periods=report_period_choices(task, today), owed=owed)
        if context["is_lead"] and context["date_deadline"] and not pending_extension:
            context["extension_form"] = forms.get("extension") or ExtensionForm()
        if context["is_lead"] and task.origin != Origin.SUGGESTION:
            context["closure_form"] = forms.get("closure") or ClosureForm()
    if is_office:
        if is_open:
            context["remind_form"] = forms.get("remind") or RemindForm(task=task)
            # The task's units are already here, in the form's order (part, then printed order): no second query.
            context["remind_form"].fields["units"].widget.choices = [(a.unit_id, a.name) for a in assignments]
        if pending_closure and task.origin != Origin.SUGGESTION:
            context["reason_form"] = forms.get("reason") or ReasonForm()
            context["note_form"] = forms.get("note") or NoteForm()
        if status == "draft" or is_open:
            context["cancel_form"] = forms.get("cancel") or ReasonForm(auto_id="cancel_%s")
        if pending_extension:
            context["decision_note_form"] = NoteForm(auto_id="decision_%s")
    context["open_form"] = forms.get("open", "")
    return context


def _act(request, pk, action, form_name=None, form_class=None, form_kwargs=None, files=False, task=None, today=None,
         form=None):
    """Run one transition from a POST: the message shows on the task page; an invalid form re-renders it.

    `task` and `today` when the view has read them already; `form`, bound and validated, when the view built it.
    The services read the item's units themselves, so the task comes without them.
    """
    if task is None:
        task, today = _task_for(request, pk, assignments=False)
    if form is None and form_class is not None:
        form = form_class(request.POST, request.FILES if files else None, **(form_kwargs or {}))
    if form is not None:
        if not form.is_valid():
            context = _detail_context(request, task, today, forms={form_name: form, "open": form_name})
            return render(request, "tasks/task_detail.html", context)
    try:
        message = action(task, form.cleaned_data if form else {})
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, message)
    return redirect("tasks:detail", pk=task.pk)


def _unit_roles_only(view):
    """Actions a unit takes; the service checks the unit, this keeps other roles out early."""
    def wrapped(request, *args, **kwargs):
        if not has_role(request.user, *UNIT_ROLES):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(require_POST(wrapped))


@role_required(Role.OFFICE)
@require_POST
def assign(request, pk):
    """交办."""
    def run(task, data):
        services.assign(task=task, by=request.user, request=request)
        return _("Assigned; the units have been notified.")
    return _act(request, pk, run)


@_unit_roles_only
def sign(request, pk):
    """签收."""
    def run(task, data):
        services.sign(task=task, by=request.user, request=request)
        return _("Signed for.")
    return _act(request, pk, run)


@_unit_roles_only
def report(request, pk):
    """进展报送."""
    task, today = _task_for(request, pk, assignments=False)

    def run(task, data):
        services.report_progress(task=task, by=request.user, text=data["text"], period_key=data.get("period_key", ""),
                                 attachments=data.get("attachments", []), request=request)
        return _("Progress reported.")
    periods = report_period_choices(task, today)
    form = ReportForm(request.POST, request.FILES, periods=periods)
    if not form.is_valid() and task.owes_periodic_reports:
        # Re-rendered, the form lists and marks the periods the unit owes, as the page's own form does (which
        # periods are owed changes only its choices' order and labels, not what is valid).
        form = ReportForm(request.POST, request.FILES, periods=periods,
                          owed=missing_periods(task, request.user.unit, today))
    return _act(request, pk, run, "report", task=task, today=today, form=form)


@_unit_roles_only
def request_extension(request, pk):
    """申请延期."""
    def run(task, data):
        services.request_extension(task=task, by=request.user, new_due_date=data["new_due_date"],
                                   reason=data["reason"], request=request)
        return _("Extension requested; the office will decide.")
    return _act(request, pk, run, "extension", ExtensionForm)


@_unit_roles_only
def request_closure(request, pk):
    """申请办结."""
    def run(task, data):
        services.request_closure(task=task, by=request.user, summary=data["summary"],
                                 attachments=data.get("attachments", []), request=request)
        return _("Closure requested; the office will review it.")
    return _act(request, pk, run, "closure", ClosureForm, files=True)


@role_required(Role.OFFICE)
@require_POST
def decide_extension(request, pk, extension_pk):
    """批准 / 驳回 an extension request."""
    def run(task, data):
        extension = get_object_or_404(ExtensionRequest, pk=extension_pk, task=task)
        approve = data["decision"] == "approve"
        services.decide_extension(extension=extension, by=request.user, approve=approve, note=data["note"],
                                  request=request)
        return _("Extension approved; the deadline has moved.") if approve else _("Extension rejected.")
    return _act(request, pk, run, "decision", DecisionForm)


@role_required(Role.OFFICE)
@require_POST
def close(request, pk):
    """办结."""
    def run(task, data):
        services.close(task=task, by=request.user, note=data["note"], request=request)
        return _("Item closed.")
    return _act(request, pk, run, "note", NoteForm)


@role_required(Role.OFFICE)
@require_POST
def send_back(request, pk):
    """退回."""
    def run(task, data):
        services.send_back(task=task, by=request.user, reason=data["reason"], request=request)
        return _("Sent back to the lead unit.")
    return _act(request, pk, run, "reason", ReasonForm)


@role_required(Role.OFFICE)
@require_POST
def cancel(request, pk):
    """中止."""
    def run(task, data):
        services.cancel(task=task, by=request.user, reason=data["reason"], request=request)
        return _("Item cancelled.")
    return _act(request, pk, run, "cancel", ReasonForm)


@role_required(Role.OFFICE)
@require_POST
def remind(request, pk):
    """催办 from the task page."""
    task, _today = _task_for(request, pk, assignments=False)

    def run(task, data):
        units = list(data["units"]) or None
        sent = services.remind(task=task, by=request.user, message=data["message"], units=units, request=request)
        return _("Reminder sent to %(n)s units.") % {"n": len(sent)}
    return _act(request, pk, run, "remind", RemindForm, {"task": task})


@role_required(*READERS)
def attachment(request, pk, file_pk):
    """One file of a progress report or a closure request, for those who may see the item."""
    task, _today = _task_for(request, pk, assignments=False)
    record = get_object_or_404(Attachment.objects.filter(Q(report__task=task) | Q(closure__task=task)), pk=file_pk)
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.name)


@role_required(Role.OFFICE, Role.LEADER)
def queue(request):
    """待审批: extension and closure requests waiting for the office, oldest first."""
    today = timezone.localdate()
    return render(request, "tasks/queue.html", {"queues": office_queues(request.user, today), "today": today,
                                                "without_liaison": units_without_liaison_waiting()})


@login_required
def notifications(request):
    """The user's messages, unread first; opening one marks it read."""
    items = Notification.objects.filter(user=request.user).select_related("task").order_by(
        "read_at", "-created_at", "-pk")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tasks/notifications.html", {"page": page, "rows": page.object_list, "query": ""})


@login_required
def notification_open(request, pk):
    """Mark one notification read and go to its item."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(user=request.user, notification_ids=[notification.pk])
    if notification.task_id and ledger_tasks(request.user).filter(pk=notification.task_id).exists():
        return redirect("tasks:detail", pk=notification.task_id)
    return redirect("tasks:notifications")


@login_required
@require_POST
def notifications_read(request):
    """Mark every notification read."""
    count = services.mark_read(user=request.user)
    messages.success(request, _("%(n)s notifications marked read.") % {"n": count})
    return redirect("tasks:notifications")
