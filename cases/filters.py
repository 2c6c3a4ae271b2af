"""The case register's and the hearing list's filters; the indicator links use exactly these parameters."""

import datetime

import django_filters
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import DateInput, FilterForm, FilterSetOnce
from fuyuan.units.models import MemberUnit

from .models import HEAD_PRESENT, LOST, MEDIATED_OR_WITHDRAWN, Attendance, Case, Hearing, Instance, Outcome, Proceeding

ALL = _("All")
RESULTS = [("concluded", _("Concluded")), ("pending", _("Pending")), ("lost", _("Lost / corrected")),
           ("mediated_withdrawn", _("Mediated or withdrawn"))]


def _date(field, lookup, label):
    return django_filters.DateFilter(field_name=field, lookup_expr=lookup, label=label, widget=DateInput)


class CaseFilter(FilterSetOnce, django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    proceeding = django_filters.ChoiceFilter(choices=Proceeding.choices, label=_("Proceeding"), empty_label=ALL)
    instance = django_filters.ChoiceFilter(choices=Instance.choices, label=_("Instance"), empty_label=ALL)
    result = django_filters.ChoiceFilter(choices=RESULTS, method="filter_result", label=_("Result"), empty_label=ALL)
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices, label=_("Outcome"), empty_label=ALL)
    defendant = django_filters.ModelChoiceFilter(queryset=MemberUnit.objects.all(), label=_("Defendant unit"),
                                                 empty_label=ALL)
    filed_after = _date("filed_on", "gte", _("Filed from"))
    filed_before = _date("filed_on", "lte", _("Filed until"))
    closed_after = _date("closed_on", "gte", _("Concluded from"))
    closed_before = _date("closed_on", "lte", _("Concluded until"))

    class Meta:
        model = Case
        fields = []
        form = FilterForm

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(cause__icontains=value)
                               | Q(defendant_name__icontains=value) | Q(defendant__name__icontains=value))

    def filter_result(self, queryset, name, value):
        return queryset.filter({
            "concluded": ~Q(outcome=""), "pending": Q(outcome=""), "lost": Q(outcome__in=LOST),
            "mediated_withdrawn": Q(outcome__in=MEDIATED_OR_WITHDRAWN)}[value])


ATTENDANCE = [("present", _("Head present (principal or deputy)")), ("principal", _("Principal head")),
              ("deputy", _("Deputy head")), ("absent", _("No head in court")), ("unreported", _("Not reported")),
              ("due_soon", _("Due soon, not reported")), ("held_unreported", _("Held, not reported"))]


class HearingFilter(FilterSetOnce, django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="case__number", lookup_expr="icontains", label=_("Case number"))
    defendant = django_filters.ModelChoiceFilter(field_name="case__defendant", queryset=MemberUnit.objects.all(),
                                                 label=_("Defendant unit"), empty_label=ALL)
    attendance = django_filters.ChoiceFilter(choices=ATTENDANCE, method="filter_attendance", label=_("Head in court"),
                                             empty_label=ALL)
    held_after = _date("held_on", "gte", _("Held from"))
    held_before = _date("held_on", "lte", _("Held until"))

    class Meta:
        model = Hearing
        fields = []
        form = FilterForm

    def filter_attendance(self, queryset, name, value):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=settings.DUE_SOON_DAYS)
        return queryset.filter({
            "present": Q(attendance__in=HEAD_PRESENT), "principal": Q(attendance=Attendance.PRINCIPAL),
            "deputy": Q(attendance=Attendance.DEPUTY), "absent": Q(attendance=Attendance.ABSENT),
            "unreported": Q(attendance=""), "due_soon": Q(attendance="", held_on__gte=today, held_on__lte=soon),
            "held_unreported": Q(attendance="", held_on__lt=today)}[value])
