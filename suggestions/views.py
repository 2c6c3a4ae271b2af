"""Suggestion pages: the ledger, one suggestion with its timeline and actions, registration, export, statistics.

Every lookup starts from `Suggestion.objects.visible_to(user)`: anything else is a 404.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import Role, has_role, role_required
from fuyuan.lib.excel import XLSX_CONTENT_TYPE, add_sheet, new_workbook, workbook_bytes
from fuyuan.lib.params import year_param
from tasks.models import EventKind
from tasks.services import TransitionRefused
from tasks.templatetags.supervision import cn_date

from . import rules, selectors, services
from .filters import SuggestionFilter
from .forms import DeadlineForm, EvaluateForm, RegisterForm, ReplyForm, ReturnForm
from .models import KIND_OF_ISSUER, Kind, ReplyRule, Status, Suggestion

READERS = (Role.OFFICE, Role.LEADER, Role.ISSUER, Role.LIAISON)


def _rows(request):
    suggestions = (Suggestion.objects.visible_to(request.user)
                   .select_related("issuer", "addressee", "task").order_by("-issued_on", "-pk"))
    suggestion_filter = SuggestionFilter(request.GET or None, queryset=suggestions)
    return suggestion_filter, (suggestion_filter.qs if suggestion_filter.is_bound else suggestions)


@role_required(*READERS)
def suggestion_list(request):
    suggestion_filter, rows = _rows(request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "suggestions/suggestion_list.html", {
        "filter": suggestion_filter, "page": page, "rows": page.object_list, "query": query.urlencode(),
        "today": timezone.localdate(), "can_register": has_role(request.user, Role.ISSUER)})


@role_required(*READERS)
def export(request):
    """The suggestion ledger as a workbook with the columns the 考核 uses (序号, 文号, 类别 … 采纳情况, 整改情况)."""
    _filter, rows = _rows(request)
    headers = [_("No."), _("Document number"), _("Title"), _("Kind"), _("Issued by"), _("Addressed to"),
               _("Case number"), _("Issued on"), _("Served on"), _("Reply deadline"), _("Replied on"),
               _("Replied on time"), _("Status"), _("Adoption"), _("Rectification")]

    def cells():
        for index, s in enumerate(rows.iterator(chunk_size=500), start=1):
            on_time = "" if s.replied_on_time is None else (_("Yes") if s.replied_on_time else _("No"))
            rectified = "" if s.rectified is None else (_("Rectified") if s.rectified else _("Not rectified"))
            yield [index, s.doc_number, s.title, f"{s.get_kind_display()}·{s.get_type_display()}", s.issuer.name,
                   s.addressee.name, s.case_number, s.issued_on, s.served_on, s.reply_due_on, s.replied_on, on_time,
                   s.get_status_display(), s.get_adoption_display(), rectified]

    workbook = new_workbook()
    today = timezone.localdate()
    heading = f"{settings.REGION_NAME}司法建议、检察建议台账（截至{today.year}年{today.month}月{today.day}日）"
    add_sheet(workbook, _("Suggestions"), headers, cells(), heading=heading,
              widths=[6, 22, 30, 22, 16, 20, 22, 12, 12, 12, 12, 10, 12, 12, 12])
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    from urllib.parse import quote

    name = f"司法建议检察建议台账-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@role_required(*READERS)
def stats(request):
    """Per issuer and per addressee: issued, replied on time, overdue, adoption rate, rectified (in SQL)."""
    year = year_param(request.GET.get("year"))
    figures = selectors.statistics(request.user, timezone.localdate(), year)
    return render(request, "suggestions/stats.html", {**figures, "year": year or ""})


@role_required(Role.ISSUER)
def register(request):
    """The issuer's register form; the reply deadline follows the rule unless the issuer sets another, with a reason."""
    kind = KIND_OF_ISSUER.get(getattr(request.user.unit, "kind", ""), Kind.JUDICIAL)
    form = RegisterForm(request.POST or None, request.FILES or None, issuer_unit=request.user.unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            suggestion = services.register(by=request.user, request=request, **{
                key: data[key] for key in ("kind", "type", "doc_number", "addressee", "title", "content",
                                           "issued_on", "served_on", "urgent", "case_number", "copy_to",
                                           "attachment", "reply_due_on", "reply_due_reason")})
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Registered; the reply is due on %(date)s and %(unit)s has been notified.")
                             % {"date": cn_date(suggestion.reply_due_on), "unit": suggestion.addressee.name})
            return redirect(suggestion)
    return render(request, "suggestions/register.html", {
        "form": form, "rules": ReplyRule.objects.all(),
        "preview": _deadline_preview(request.POST if form.is_bound else {
            "kind": kind, "type": form.fields["type"].initial or ""})})


def _deadline_preview(data):
    """The rule that applies to the kind, type and urgency chosen so far, and the deadline from the served date."""
    kind, type_, urgent = data.get("kind") or "", data.get("type") or "", bool(data.get("urgent"))
    try:
        served_on = datetime.date.fromisoformat(data.get("served_on") or "")
    except ValueError:
        served_on = None
    rule = rules.applicable_rule(kind, type_, urgent) if kind else None
    due = rules.reply_due_date(served_on, rule.months, rule.days, rule.working_days) if rule and served_on else None
    return {"rule": rule, "served_on": served_on, "due": due}


@role_required(Role.ISSUER)
def register_preview(request):
    """htmx: the register form's deadline panel, recomputed as the issuer picks the kind, type, urgency and date."""
    return render(request, "suggestions/register.html#deadline", {"preview": _deadline_preview(request.GET)})


def _suggestion_for(request, pk):
    return get_object_or_404(Suggestion.objects.visible_to(request.user).select_related(
        "issuer", "addressee", "task", "rule", "registered_by"), pk=pk)


@role_required(*READERS)
def detail(request, pk):
    suggestion = _suggestion_for(request, pk)
    return render(request, "suggestions/suggestion_detail.html", _context(request, suggestion))


# The reply task's events in the suggestion's own words (书面回复, not 申请办结).
EVENT_LABELS = {
    EventKind.CREATED: gettext_lazy("Suggestion registered"),
    EventKind.ASSIGNED: gettext_lazy("Suggestion served"),
    EventKind.SIGNED: gettext_lazy("Suggestion signed for"),
    EventKind.CLOSURE_REQUESTED: gettext_lazy("Written reply"),
    EventKind.CLOSED: gettext_lazy("Reply evaluated"),
    EventKind.RETURNED: gettext_lazy("Returned for follow-up (跟踪问效)"),
}


def _timeline(suggestion):
    """The reply task's timeline, each event labelled as a suggestion's step."""
    events = list(suggestion.task.events.select_related("unit", "actor__unit"))
    for event in events:
        event.label = EVENT_LABELS.get(event.kind) or event.get_kind_display()
    return events


def _context(request, suggestion, forms=None):
    forms = forms or {}
    user = request.user
    is_issuer = has_role(user, Role.ISSUER) and user.unit_id == suggestion.issuer_id
    is_addressee = has_role(user, Role.LIAISON, Role.ISSUER) and user.unit_id == suggestion.addressee_id
    context = {
        "suggestion": suggestion, "task": suggestion.task, "is_issuer": is_issuer, "is_addressee": is_addressee,
        "events": _timeline(suggestion), "copy_to": suggestion.copy_to.all(),
        "reply_attachments": list(selectors.reply_attachments(suggestion)),
        "open_form": forms.get("open", ""),
    }
    if is_addressee and suggestion.status in (Status.AWAITING_REPLY, Status.RETURNED):
        context["reply_form"] = forms.get("reply") or ReplyForm()
    if is_issuer and suggestion.status == Status.REPLIED:
        context["evaluate_form"] = forms.get("evaluate") or EvaluateForm()
        context["return_form"] = forms.get("return") or ReturnForm()
    if is_issuer and suggestion.status != Status.CLOSED:
        context["deadline_form"] = forms.get("deadline") or DeadlineForm(initial={
            "reply_due_on": suggestion.reply_due_on})
    return context


def _act(request, pk, action, form_name, form_class, files=False):
    suggestion = _suggestion_for(request, pk)
    form = form_class(request.POST, request.FILES if files else None)
    if not form.is_valid():
        return render(request, "suggestions/suggestion_detail.html",
                      _context(request, suggestion, {form_name: form, "open": form_name}))
    try:
        message = action(suggestion, form.cleaned_data)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, message)
    return redirect(suggestion)


@role_required(Role.LIAISON, Role.ISSUER)
@require_POST
def reply(request, pk):
    def run(suggestion, data):
        services.reply(suggestion=suggestion, by=request.user, reply_text=data["reply_text"],
                       measures=data["measures"], rectification=data["rectification"],
                       attachments=data.get("attachments", []), request=request)
        return _("Reply submitted; the issuer will evaluate it.")
    return _act(request, pk, run, "reply", ReplyForm, files=True)


@role_required(Role.ISSUER)
@require_POST
def evaluate(request, pk):
    def run(suggestion, data):
        services.evaluate(suggestion=suggestion, by=request.user, adoption=data["adoption"],
                          rectified=data["rectified"], comment=data["comment"], request=request)
        return _("Evaluated and closed.")
    return _act(request, pk, run, "evaluate", EvaluateForm)


@role_required(Role.ISSUER)
@require_POST
def return_for_more(request, pk):
    def run(suggestion, data):
        services.return_for_more(suggestion=suggestion, by=request.user, reason=data["reason"],
                                 reply_due_on=data["reply_due_on"], request=request)
        return _("Returned for follow-up with a new deadline.")
    return _act(request, pk, run, "return", ReturnForm)


@role_required(Role.ISSUER)
@require_POST
def change_deadline(request, pk):
    def run(suggestion, data):
        services.change_deadline(suggestion=suggestion, by=request.user, reply_due_on=data["reply_due_on"],
                                 reason=data["reason"], request=request)
        return _("Reply deadline changed.")
    return _act(request, pk, run, "deadline", DeadlineForm)


@role_required(*READERS)
def attachment(request, pk, which):
    """The registered suggestion's document, for those who may see the suggestion."""
    suggestion = _suggestion_for(request, pk)
    field = suggestion.attachment if which == "suggestion" else None
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=field.name.rsplit("/", 1)[-1])


@role_required(*READERS)
def reply_attachment(request, pk, file_pk):
    """One file of the suggestion's reply, for those who may see the suggestion."""
    suggestion = _suggestion_for(request, pk)
    record = get_object_or_404(selectors.reply_attachments(suggestion), pk=file_pk)
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.name)
