"""The office's working-day calendar: holidays and 调休 working days by year."""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import Role, role_required
from fuyuan.lib.forms import BootstrapMixin, DateInput

from . import services
from .models import CalendarDay


class DayForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=DateInput)
    is_working_day = forms.TypedChoiceField(
        label=gettext_lazy("This day is"), coerce=lambda v: v == "1",
        choices=[("0", gettext_lazy("a holiday (no work)")), ("1", gettext_lazy("an adjusted working day (调休)"))])
    name = forms.CharField(label=gettext_lazy("Name"), max_length=50, required=False)


def _year(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@role_required(Role.OFFICE)
def calendar(request):
    """One year's holidays and 调休 days; add or change a day."""
    year = _year(request.GET.get("year"))
    form = DayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        day = services.set_day(**form.cleaned_data)
        messages.success(request, _("%(date)s saved.") % {"date": day.date.isoformat()})
        return redirect(f"{request.path}?year={day.date.year}")
    days = CalendarDay.objects.filter(date__year=year)
    return render(request, "workdays/calendar.html", {
        "year": year, "days": days, "form": form, "years": range(year - 1, year + 2),
        "first": datetime.date(year, 1, 1)})


@role_required(Role.OFFICE)
@require_POST
def remove(request, pk):
    """Back to the weekday rule for this date."""
    day = get_object_or_404(CalendarDay, pk=pk)
    year = day.date.year
    day.delete()
    messages.success(request, _("Removed; the weekday rule applies again."))
    return redirect(f"/calendar/?year={year}")
