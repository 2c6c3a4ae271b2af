"""Meeting pages: the list with this year's cadence, a meeting with replies, attendance, minutes and decisions.

Every lookup starts from `Meeting.objects.visible_to(user)`: a unit not invited gets a 404.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import UNIT_ROLES, Role, has_role, role_required
from fuyuan.lib.params import pk_param, year_param
from tasks.selectors import ledger_tasks
from tasks.services import TransitionRefused

from . import compliance, documents, services
from .forms import CancelForm, DecisionForm, MeetingForm, MinutesForm, ResponseForm
from .models import Meeting, MeetingType, Response, WorkingGroup

READERS = (Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER)


def _year(request):
    return year_param(request.GET.get("year"), timezone.localdate().year)


@role_required(*READERS)
def meeting_list(request):
    """This year's meetings (visible to the user) and, for the office and leaders, the cadence compliance."""
    year = _year(request)
    meetings = (Meeting.objects.visible_to(request.user).filter(starts_at__year=year)
                .select_related("type", "group").order_by("starts_at"))
    context = {"meetings": meetings, "year": year, "years": range(year - 2, year + 2)}
    if has_role(request.user, Role.OFFICE, Role.LEADER):
        context["cadence"] = compliance.cadence(year)
    if has_role(request.user, *UNIT_ROLES):
        mine = {i.meeting_id: i for i in request.user.unit.invitations.filter(meeting__in=meetings)}
        context["replies"] = mine
    return render(request, "meetings/meeting_list.html", context)


@role_required(Role.OFFICE, Role.LEADER)
def attendance(request):
    """Per unit attendance and principal attendance over a year's held meetings (考核)."""
    year = _year(request)
    return render(request, "meetings/attendance.html", {"rows": compliance.attendance(year), "year": year,
                                                        "years": range(year - 2, year + 2)})


@role_required(Role.OFFICE)
def create(request):
    """Schedule a meeting; the roster's units are invited unless the office chooses otherwise."""
    initial = {"units": services.roster_units(), "starts_at": timezone.localtime().replace(
        hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=7)}
    type_pk = pk_param(request.GET.get("type"))
    if type_pk:
        initial["type"] = MeetingType.objects.filter(pk=type_pk).first()
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.schedule(by=request.user, type=data["type"], group=data["group"], title=data["title"],
                                        number=data["number"], starts_at=data["starts_at"], place=data["place"],
                                        host=data["host"], agenda=data["agenda"], units=data["units"],
                                        request=request)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Meeting scheduled; the invited units have been notified."))
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _meeting_for(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user).select_related("type", "group"), pk=pk)


@role_required(*READERS)
def detail(request, pk):
    meeting = _meeting_for(request, pk)
    return render(request, "meetings/meeting_detail.html", _context(request, meeting))


def _presets(invitations, sheet):
    """What the attendance form shows: the submitted sheet, else what was recorded, else what the unit replied."""
    for invitation in invitations:
        if sheet and invitation.pk in sheet:
            attended, principal, name = sheet[invitation.pk]
        elif invitation.attended is not None:
            attended, principal, name = (invitation.attended, invitation.attended_by_principal,
                                         invitation.actual_attendee)
        else:
            # Only a unit that said it comes is preset as present; silence is not recorded, never absent.
            attended = True if invitation.response in (Response.PRINCIPAL, Response.DEPUTY) else None
            principal, name = invitation.response == Response.PRINCIPAL, invitation.attendee
        invitation.preset = {True: "present", False: "absent", None: ""}[attended]
        invitation.preset_principal, invitation.preset_name = bool(principal), name or invitation.attendee


def _context(request, meeting, forms=None, sheet=None):
    forms = forms or {}
    user = request.user
    invitations = list(meeting.invitations.select_related("unit"))
    _presets(invitations, sheet)
    decisions = list(meeting.decisions.prefetch_related("lead_units", "responsible_units").select_related("task"))
    # Live status and light of each decision's ledger item, in one query.
    task_ids = [d.task_id for d in decisions if d.task_id]
    lights = {t.pk: t for t in ledger_tasks(user).filter(pk__in=task_ids)} if task_ids else {}
    for decision in decisions:
        decision.live = lights.get(decision.task_id)
    mine = next((i for i in invitations if i.unit_id == user.unit_id), None) if has_role(user, *UNIT_ROLES) else None
    is_office = has_role(user, Role.OFFICE)
    context = {
        "meeting": meeting, "invitations": invitations, "decisions": decisions, "mine": mine,
        "is_office": is_office, "open_form": forms.get("open", ""),
        "replied": sum(1 for i in invitations if i.response != Response.PENDING),
        "principals": sum(1 for i in invitations if i.response == Response.PRINCIPAL),
    }
    if mine is not None and meeting.status == "planned":
        context["response_form"] = forms.get("response") or ResponseForm(initial={
            "response": mine.response if mine.response != Response.PENDING else Response.PRINCIPAL,
            "attendee": mine.attendee, "attendee_title": mine.attendee_title, "reason": mine.reason})
    if is_office:
        context["minutes_form"] = forms.get("minutes") or MinutesForm(initial={"minutes": meeting.minutes})
        context["decision_form"] = forms.get("decision") or DecisionForm()
        context["cancel_form"] = forms.get("cancel") or CancelForm()
        context["can_record_attendance"] = meeting.status != "cancelled" and meeting.starts_at <= timezone.now()
    return context


def _act(request, pk, action, form_name=None, form_class=None, files=False):
    meeting = _meeting_for(request, pk)
    form = None
    if form_class is not None:
        form = form_class(request.POST, request.FILES if files else None)
        if not form.is_valid():
            return render(request, "meetings/meeting_detail.html",
                          _context(request, meeting, {form_name: form, "open": form_name}))
    try:
        message = action(meeting, form.cleaned_data if form else {})
    except TransitionRefused as refusal:
        if form is not None:
            # Re-render with what was typed: a redirect would reset the form to the stored values.
            form.add_error(None, refusal.message)
            return render(request, "meetings/meeting_detail.html",
                          _context(request, meeting, {form_name: form, "open": form_name}))
        messages.error(request, refusal.message)
    else:
        messages.success(request, message)
    return redirect(meeting)


@role_required(*UNIT_ROLES)
@require_POST
def respond(request, pk):
    def run(meeting, data):
        services.respond(meeting=meeting, by=request.user, response=data["response"], attendee=data["attendee"],
                         attendee_title=data["attendee_title"], reason=data["reason"], request=request)
        return _("Reply sent.")
    return _act(request, pk, run, "response", ResponseForm)


PRESENCE = {"present": True, "absent": False, "": None}


def _attendance_sheet(request, meeting):
    """{invitation id: (attended or None, principal, name)} from the form; anything unknown is 'not recorded'."""
    sheet = {}
    for invitation in meeting.invitations.all():
        key = str(invitation.pk)
        attended = PRESENCE.get(request.POST.get(f"presence_{key}", ""))
        sheet[invitation.pk] = (attended, request.POST.get(f"principal_{key}") == "1",
                                request.POST.get(f"name_{key}", ""))
    return sheet


@role_required(Role.OFFICE)
@require_POST
def record_attendance(request, pk):
    """Record attendance; marking units absent (a 考核 deduction) takes a second, confirmed submit."""
    meeting = _meeting_for(request, pk)
    sheet = _attendance_sheet(request, meeting)
    absent = [i for i in meeting.invitations.select_related("unit") if sheet[i.pk][0] is False]
    # The confirmation names exactly these units; a changed selection asks again.
    if absent and request.POST.get("confirmed_absent") != ",".join(str(i.pk) for i in absent):
        context = _context(request, meeting, sheet=sheet)
        context.update(absent_to_confirm=absent,
                       absent_without_reason=[i for i in absent if not i.reason],
                       confirmed_absent=",".join(str(i.pk) for i in absent))
        return render(request, "meetings/meeting_detail.html", context)

    def run(meeting, data):
        services.record_attendance(meeting=meeting, by=request.user, attendance=sheet, request=request)
        return _("Attendance recorded.")
    return _act(request, pk, run)


@role_required(Role.OFFICE)
@require_POST
def record_minutes(request, pk):
    def run(meeting, data):
        services.record_minutes(meeting=meeting, by=request.user, minutes=data["minutes"],
                                minutes_file=data.get("minutes_file"), request=request)
        return _("Minutes saved.")
    return _act(request, pk, run, "minutes", MinutesForm, files=True)


@role_required(Role.OFFICE)
@require_POST
def add_decision(request, pk):
    def run(meeting, data):
        decision = services.add_decision(meeting=meeting, by=request.user, text=data["text"],
                                         lead_units=list(data["lead_units"]),
                                         responsible_units=list(data["responsible_units"]),
                                         due_date=data["due_date"], request=request)
        return _("Decision %(n)s added.") % {"n": decision.number}
    return _act(request, pk, run, "decision", DecisionForm)


@role_required(Role.OFFICE)
@require_POST
def confirm_decisions(request, pk):
    def run(meeting, data):
        tasks = services.confirm_decisions(meeting=meeting, by=request.user, request=request)
        return _("%(n)s decisions are now in the ledger and assigned.") % {"n": len(tasks)}
    return _act(request, pk, run)


@role_required(Role.OFFICE)
@require_POST
def cancel(request, pk):
    def run(meeting, data):
        services.cancel(meeting=meeting, by=request.user, reason=data["reason"], request=request)
        return _("Meeting cancelled; the units have been notified.")
    return _act(request, pk, run, "cancel", CancelForm)


@role_required(*READERS)
def document(request, pk, kind):
    """The printable notice (会议通知) or minutes (会议纪要) page."""
    meeting = _meeting_for(request, pk)
    if kind not in ("notice", "minutes"):
        raise Http404
    if kind == "minutes" and not meeting.minutes:
        raise Http404
    return render(request, f"meetings/{kind}.html", {"meeting": meeting, **documents.context(meeting)})


@role_required(*READERS)
def document_docx(request, pk, kind):
    """The notice or minutes as a Word document."""
    meeting = _meeting_for(request, pk)
    if kind not in ("notice", "minutes") or (kind == "minutes" and not meeting.minutes):
        raise Http404
    data, filename = documents.docx(meeting, kind)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml."
                                                "document")
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@role_required(Role.OFFICE, Role.LEADER)
def groups(request):
    """专项工作组 with their conveners, member units and meetings."""
    rows = WorkingGroup.objects.select_related("convener_unit").prefetch_related("units", "meetings")
    return render(request, "meetings/groups.html", {"groups": rows})



@role_required(Role.OFFICE, Role.LEADER)
def types(request):
    """Meeting types and their cadence; the office adds or edits them."""
    from .forms import MeetingTypeForm

    editing = None
    pk = pk_param(request.GET.get("edit") or request.POST.get("pk"))
    if pk:
        editing = get_object_or_404(MeetingType, pk=pk)
    form = MeetingTypeForm(request.POST or None, instance=editing)
    if request.method == "POST":
        if not has_role(request.user, Role.OFFICE):
            raise PermissionDenied
        if form.is_valid():
            saved = services.save_type(form=form, by=request.user, request=request)
            messages.success(request, _("Meeting type “%(name)s” saved.") % {"name": saved.name})
            return redirect("meetings:types")
    return render(request, "meetings/types.html", {"types": MeetingType.objects.all(), "form": form,
                                                   "editing": editing})
