"""The 考核 page: every unit's score with the lines behind it, the rules (the office edits them), the workbook."""

from django import forms
from django.contrib import messages
from django.forms import modelformset_factory
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role, role_required
from fuyuan.audit.services import record_event
from fuyuan.lib.excel import XLSX_CONTENT_TYPE
from fuyuan.lib.forms import BootstrapMixin
from fuyuan.lib.params import year_param

from . import workbook
from .models import ScoringRule
from .scoring import rules, score


def _year(request):
    return year_param(request.GET.get("year"), timezone.localdate().year)


class RuleForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ScoringRule
        fields = ["points", "cap", "active"]


RuleFormSet = modelformset_factory(ScoringRule, form=RuleForm, extra=0)


@role_required(Role.OFFICE, Role.LEADER)
def assessment(request):
    year = _year(request)
    rules()
    formset = RuleFormSet(request.POST or None, queryset=ScoringRule.objects.all())
    if request.method == "POST":
        if not has_role(request.user, Role.OFFICE):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if formset.is_valid():
            changed = [form.instance.measure for form in formset.forms if form.has_changed()]
            formset.save()
            record_event("transition", request=request, actor=request.user, target=request.user,
                         detail={"transition": "scoring_rules_saved", "measures": changed})
            messages.success(request, _("Scoring rules saved."))
            return redirect(f"{request.path}?year={year}")
    return render(request, "assessment/assessment.html", {
        "year": year, "scores": score(year), "formset": formset, "years": range(year - 3, year + 2),
        "can_edit": has_role(request.user, Role.OFFICE)})


@role_required(Role.OFFICE, Role.LEADER)
def export(request):
    from urllib.parse import quote

    year = _year(request)
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{year}年度考核-府院联动.xlsx')}"
    workbook.write(year, response)
    return response


@role_required(Role.OFFICE, Role.LEADER)
def bulletin(request):
    """通报 for a period: the printable page, or ?format=docx for the Word document."""
    from urllib.parse import quote

    from tasks import deadlines

    from . import bulletin as bulletin_content

    today = timezone.localdate()
    period = bulletin_content.period_of(request.GET.get("period"), today)
    data = bulletin_content.content(period, today)
    if request.GET.get("format") == "docx":
        response = HttpResponse(bulletin_content.docx(data), content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
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
