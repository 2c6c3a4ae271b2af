"""The 考核 page: every unit's score with the lines behind it, the year's rules (the office edits them),
manual adjustments, publishing, the workbook and the result notice."""

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import modelformset_factory
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import Role, has_role, role_required
from fuyuan.lib.excel import XLSX_CONTENT_TYPE
from fuyuan.lib.forms import BootstrapMixin
from fuyuan.lib.params import year_param
from fuyuan.units.models import MemberUnit

from . import services, workbook
from .models import Adjustment, ScoringRule
from .results import result
from .scoring import rules

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request):
    return year_param(request.GET.get("year") or request.POST.get("year"), timezone.localdate().year)


class RuleForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ScoringRule
        fields = ["points", "cap", "active"]


RuleFormSet = modelformset_factory(ScoringRule, form=RuleForm, extra=0)


class AdjustmentForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=MemberUnit.objects.filter(active=True))
    points = forms.DecimalField(label=gettext_lazy("Points (+ bonus, − deduction)"), max_digits=6, decimal_places=2)
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    document = forms.FileField(label=gettext_lazy("Supporting document"))


@role_required(Role.OFFICE, Role.LEADER)
def assessment(request):
    year = _year(request)
    rules(year)
    formset = RuleFormSet(request.POST or None, queryset=ScoringRule.objects.filter(year=year))
    if request.method == "POST":
        if not has_role(request.user, Role.OFFICE):
            raise PermissionDenied
        if formset.is_valid():
            changed = [form.instance.measure for form in formset.forms if form.has_changed()]
            try:
                if changed:
                    services.rules_saved(year=year, measures=changed, by=request.user, request=request)
                    formset.save()
            except services.AssessmentRefused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(request, _("Scoring rules saved."))
            return redirect(f"{request.path}?year={year}")
    data = result(year)
    return render(request, "assessment/assessment.html", {
        "year": year, "data": data, "formset": formset, "years": range(year - 3, year + 2),
        "adjustments": Adjustment.objects.filter(year=year).select_related("unit"),
        "adjustment_form": AdjustmentForm(), "can_edit": has_role(request.user, Role.OFFICE)})


@require_POST
@role_required(Role.OFFICE)
def adjust(request):
    """Add a manual 加分/减分 with its reason and document."""
    year = _year(request)
    form = AdjustmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_adjustment(by=request.user, year=year, request=request, **form.cleaned_data)
        except services.AssessmentRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Adjustment recorded."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse_page()}?year={year}")


@role_required(Role.OFFICE, Role.LEADER)
def adjustment_document(request, pk):
    adjustment = get_object_or_404(Adjustment, pk=pk)
    return FileResponse(adjustment.document.open("rb"), as_attachment=True,
                        filename=adjustment.document.name.rsplit("/", 1)[-1])


@require_POST
@role_required(Role.OFFICE)
def publish(request):
    """Freeze the year's result."""
    year = _year(request)
    try:
        published = services.publish(year=year, by=request.user, request=request)
    except services.AssessmentRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The result of %(year)s is published (rules %(version)s).")
                         % {"year": year, "version": published.rule_version})
    return redirect(f"{reverse_page()}?year={year}")


def reverse_page():
    from django.urls import reverse

    return reverse("assessment:page")


@role_required(Role.OFFICE, Role.LEADER)
def export(request):
    year = _year(request)
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{year}年度考核-府院联动.xlsx')}"
    workbook.write(year, response)
    return response


@role_required(Role.OFFICE, Role.LEADER)
def notice(request):
    """The year's result notice (.docx)."""
    from . import notice as notice_document

    year = _year(request)
    response = HttpResponse(notice_document.docx(result(year)), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{year}年度考核结果通报.docx')}"
    return response


@role_required(Role.OFFICE, Role.LEADER)
def bulletin(request):
    """通报 for a period: the printable page, or ?format=docx for the Word document."""
    from tasks import deadlines

    from . import bulletin as bulletin_content

    today = timezone.localdate()
    period = bulletin_content.period_of(request.GET.get("period"), today)
    data = bulletin_content.content(period, today)
    if request.GET.get("format") == "docx":
        response = HttpResponse(bulletin_content.docx(data, today), content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'通报-{period.label}.docx')}"
        return response
    current = deadlines.period_containing(today, deadlines.QUARTERLY)
    choices = []
    for cycle in (deadlines.MONTHLY, deadlines.QUARTERLY, deadlines.HALF_YEARLY, deadlines.YEARLY):
        option = deadlines.period_containing(today, cycle)
        for _step in range(4 if cycle != deadlines.YEARLY else 2):
            choices.append(option)
            option = deadlines.previous_period(option)
    return render(request, "assessment/bulletin.html", {**data, "choices": choices, "current": current})
