"""The indicator page (every figure links to the rows it counted); the office's targets and population figures."""

from django import forms
from django.contrib import messages
from django.forms import modelformset_factory
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import Role, role_required
from fuyuan.audit.services import record_event
from fuyuan.lib.forms import BootstrapMixin

from . import selectors
from .models import Indicator, PopulationFigure
from .reference import ensure_indicators


@role_required(Role.OFFICE, Role.LEADER, Role.ISSUER, Role.LIAISON)
def indicator_page(request):
    """Office and leaders see the whole register; the court its cases; a unit its own cases only."""
    today = timezone.localdate()
    rows = selectors.overview(request.user, today)
    chart = [{"name": row["indicator"].name, "target": float(row["indicator"].target),
              "unit": row["indicator"].unit_text,
              "points": [{"label": f.period.label, "value": None if f.value is None else float(f.value),
                          "url": f.numerator_url} for f in row["trend"]]} for row in rows]
    return render(request, "indicators/indicators.html", {
        "rows": rows, "chart": chart, "today": today,
        "scoped": request.user.role not in (Role.OFFICE, Role.LEADER),
        "can_edit": request.user.role == Role.OFFICE})


class IndicatorForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "direction", "target", "period", "assessed", "active"]


class PopulationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PopulationFigure
        fields = ["year", "population", "source"]


class LinkForm(BootstrapMixin, forms.Form):
    task = forms.ModelChoiceField(label=_("Supervised item"), queryset=None)
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.all(), required=False,
                                       help_text=_("Empty: unlink."))

    def __init__(self, *args, **kwargs):
        from tasks.models import Task

        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = Task.objects.exclude(status="cancelled").exclude(origin="suggestion")


IndicatorFormSet = modelformset_factory(Indicator, form=IndicatorForm, extra=0)
PopulationFormSet = modelformset_factory(PopulationFigure, form=PopulationForm, extra=1, can_delete=True)


@role_required(Role.OFFICE)
def indicator_settings(request):
    """Targets, directions and periods of the indicators; the population figures by year."""
    ensure_indicators()
    indicators = IndicatorFormSet(request.POST or None, queryset=Indicator.objects.all(), prefix="ind")
    population = PopulationFormSet(request.POST or None, queryset=PopulationFigure.objects.all(), prefix="pop")
    if request.method == "POST" and indicators.is_valid() and population.is_valid():
        changed = [form.instance.name for form in indicators.forms if form.has_changed()]
        indicators.save()
        population.save()
        record_event("transition", request=request, actor=request.user, target=request.user,
                     detail={"transition": "indicators_saved", "indicators": changed})
        messages.success(request, _("Indicators saved."))
        return redirect("indicators:page")
    from tasks.models import Task

    linked = Task.objects.filter(indicator__isnull=False).select_related("indicator")
    return render(request, "indicators/settings.html", {"indicators": indicators, "population": population,
                                                        "link_form": LinkForm(), "linked": linked})


@role_required(Role.OFFICE)
@require_POST
def link(request):
    """Link a supervised item to the indicator that measures it."""
    from tasks.services import TransitionRefused

    from .services import link_task

    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the item."))
        return redirect("indicators:settings")
    try:
        task = link_task(task=form.cleaned_data["task"], indicator=form.cleaned_data["indicator"], by=request.user,
                         request=request)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("indicators:settings")
    messages.success(request, _("Item linked."))
    return redirect(task)
