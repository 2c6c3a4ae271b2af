"""Case register pages: the list, the hearings (出庭报备) list, one case, register and edit, import, export, 通报.

Every lookup starts from `Case.objects.visible_to(user)`: anything else is a 404.
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import Role, role_required
from fuyuan.lib.excel import XLSX_CONTENT_TYPE
from tasks import deadlines
from tasks.services import TransitionRefused

from . import reports, services
from .filters import CaseFilter, HearingFilter
from .forms import AttendanceForm, CaseForm, HearingForm
from .models import Case, Hearing, Proceeding

READERS = (Role.OFFICE, Role.LEADER, Role.ISSUER, Role.LIAISON)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filtered(request, filter_class, queryset):
    bound = filter_class(request.GET or None, queryset=queryset)
    return bound, (bound.qs if bound.is_bound else queryset)


def _page(request, rows):
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@role_required(*READERS)
def case_list(request):
    case_filter, rows = _filtered(request, CaseFilter, Case.objects.visible_to(request.user).select_related(
        "defendant").order_by("-filed_on", "-pk"))
    page, query = _page(request, rows)
    return render(request, "cases/case_list.html", {
        "filter": case_filter, "page": page, "rows": page.object_list, "query": query,
        "can_register": services.can_register(request.user), "can_import": services.can_register(request.user)})


@role_required(*READERS)
def hearing_list(request):
    """Hearings with their 出庭报备 light: what the defendant unit still has to report, and what was held."""
    today = timezone.localdate()
    hearing_filter, rows = _filtered(request, HearingFilter, Hearing.objects.visible_to(request.user).select_related(
        "case__defendant").order_by("-held_on", "-pk"))
    page, query = _page(request, rows)
    for hearing in page.object_list:
        hearing.light = hearing.light_today(today, settings.DUE_SOON_DAYS)
    return render(request, "cases/hearing_list.html", {"filter": hearing_filter, "page": page,
                                                       "rows": page.object_list, "query": query})


@role_required(*READERS)
def export(request):
    _filter, rows = _filtered(request, CaseFilter, Case.objects.visible_to(request.user).order_by("-filed_on", "-pk"))
    response = HttpResponse(reports.export_workbook(rows), content_type=XLSX_CONTENT_TYPE)
    name = f"行政案件台账-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _case_for(request, pk):
    return get_object_or_404(Case.objects.visible_to(request.user).select_related(
        "defendant", "suggestion", "registered_by"), pk=pk)


def _case_data(cleaned):
    data = {key: cleaned[key] for key in services.CASE_FIELDS if key in cleaned}
    data["defendant_name"] = "" if data.get("defendant") else data.get("defendant_name", "")
    return data


@role_required(Role.OFFICE, Role.ISSUER)
def register(request):
    if not services.can_register(request.user):
        raise PermissionDenied
    initial = {"proceeding": Proceeding.LITIGATION if services.is_court(request.user) else Proceeding.REVIEW}
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.register_case(by=request.user, data=_case_data(form.cleaned_data),
                                          hearings=form.cleaned_data["hearings"], request=request)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Case %(number)s registered.") % {"number": case.number})
            return redirect(case)
    return render(request, "cases/case_form.html", {"form": form, "case": None})


@role_required(Role.OFFICE, Role.ISSUER)
def edit(request, pk):
    case = _case_for(request, pk)
    if not services.can_edit(request.user, case):
        raise PermissionDenied
    initial = {key: getattr(case, key) for key in services.CASE_FIELDS}
    form = CaseForm(request.POST or None, initial=initial)
    form.fields["hearings"].widget = form.fields["hearings"].hidden_widget()
    if request.method == "POST" and form.is_valid():
        try:
            services.update_case(case=case, by=request.user, data=_case_data(form.cleaned_data), request=request)
        except TransitionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Case saved."))
            return redirect(case)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


@role_required(*READERS)
def detail(request, pk):
    case = _case_for(request, pk)
    today = timezone.localdate()
    hearings = list(case.hearings.select_related("reported_by"))
    can_edit = services.can_edit(request.user, case)
    is_defendant = bool(request.user.unit_id) and request.user.unit_id == case.defendant_id
    for hearing in hearings:
        hearing.light = hearing.light_today(today, settings.DUE_SOON_DAYS)
        hearing.can_report = can_edit or (is_defendant and hearing.held_on >= today)
        hearing.form = AttendanceForm(initial={"attendance": hearing.attendance, "head_name": hearing.head_name,
                                               "head_post": hearing.head_post, "spoke": hearing.spoke},
                                      prefix=f"h{hearing.pk}")
    return render(request, "cases/case_detail.html", {
        "case": case, "hearings": hearings, "can_edit": can_edit, "hearing_form": HearingForm()})


@role_required(Role.OFFICE, Role.ISSUER)
@require_POST
def add_hearing(request, pk):
    case = _case_for(request, pk)
    form = HearingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the hearing date."))
        return redirect(case)
    try:
        services.add_hearing(case=case, by=request.user, held_on=form.cleaned_data["held_on"], request=request)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Hearing added; the defendant unit will be reminded to report its head."))
    return redirect(case)


@role_required(*READERS)
@require_POST
def report_attendance(request, pk):
    hearing = get_object_or_404(Hearing.objects.visible_to(request.user).select_related("case"), pk=pk)
    form = AttendanceForm(request.POST, prefix=f"h{hearing.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose who leads the agency in court."))
        return redirect(hearing.case)
    try:
        services.report_attendance(hearing=hearing, by=request.user, request=request, **form.cleaned_data)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Attendance reported."))
    return redirect(hearing.case)


@role_required(Role.OFFICE, Role.ISSUER)
def import_cases(request):
    """The court's workbook: every row checked, all cases registered or none."""
    from fuyuan.lib.import_views import excel_import_page

    from . import importing

    if not services.can_register(request.user):
        raise PermissionDenied

    def save(records):
        count = importing.save_cases(records=records, by=request.user, request=request)
        messages.success(request, _("%(n)s cases registered.") % {"n": count})
        return {}

    return excel_import_page(
        request, title=_("Import administrative cases from Excel"),
        help_text=_("Columns: 案号, 类型 (行政诉讼 / 行政复议), 法院, 审级, 案由, 原告类型, 被告, 申请日期, 立案日期, "
                    "开庭日期 (several separated by 、), 结案日期, 结案方式, 协调化解 (是 / 否), 诉前化解, 备注 — the "
                    "export's own columns."),
        validate=lambda data: importing.validate(data, request.user), save=save)


@role_required(*READERS)
def bulletin(request):
    """出庭应诉通报 for a quarter (or month, year): the page, ?format=docx or ?format=xlsx."""
    today = timezone.localdate()
    period = reports.period_of(request.GET.get("period"), today)
    data = reports.bulletin(period, request.user, today)
    fmt = request.GET.get("format")
    if fmt in ("docx", "xlsx"):
        body, content_type = ((reports.bulletin_docx(data, today), DOCX) if fmt == "docx"
                              else (reports.bulletin_xlsx(data), XLSX_CONTENT_TYPE))
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'出庭应诉通报-{period.label}.{fmt}')}"
        return response
    choices, option = [], deadlines.period_containing(today, deadlines.QUARTERLY)
    for _step in range(6):
        choices.append(option)
        option = deadlines.previous_period(option)
    choices.append(deadlines.period_containing(today, deadlines.YEARLY))
    choices.append(deadlines.previous_period(choices[-1]))
    return render(request, "cases/bulletin.html", {**data, "choices": choices})
