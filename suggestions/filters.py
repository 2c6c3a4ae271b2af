"""The suggestion ledger's filters."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import FilterForm
from fuyuan.lib.params import year_param
from fuyuan.units.models import MemberUnit

from .models import Kind, Status, Suggestion, SuggestionType
from .selectors import adopted_q, evaluated_q, overdue_q

ALL = _("All")


class SuggestionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Kind"), empty_label=ALL)
    type = django_filters.ChoiceFilter(choices=SuggestionType.choices, label=_("Type"), empty_label=ALL)
    issuer = django_filters.ModelChoiceFilter(queryset=MemberUnit.objects.filter(kind__in=["court", "procuratorate"]),
                                              label=_("Issued by"), empty_label=ALL)
    addressee = django_filters.ModelChoiceFilter(queryset=MemberUnit.objects.filter(active=True),
                                                 label=_("Addressed to"), empty_label=ALL)
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"), empty_label=ALL)
    on_time = django_filters.ChoiceFilter(choices=[("yes", _("Replied on time")), ("no", _("Replied late")),
                                                   ("overdue", _("Overdue, no reply")),
                                                   ("judged", _("Replied, or overdue"))],
                                          method="filter_on_time", label=_("Replied on time"), empty_label=ALL)
    # The dashboard's and the statistics page's 采纳率 link here: adopted (采纳, 部分采纳) and not, among the evaluated.
    adoption = django_filters.ChoiceFilter(choices=[("adopted", _("Adopted or partly adopted")),
                                                    ("not_adopted", _("Not adopted"))],
                                           method="filter_adoption", label=_("Adoption"), empty_label=ALL)
    year = django_filters.NumberFilter(method="filter_year", label=_("Year"))
    # The indicator page's links (司法建议按期回复率) select suggestions by their reply deadline.
    due_after = django_filters.DateFilter(field_name="reply_due_on", lookup_expr="gte", label=_("Reply due from"))
    due_before = django_filters.DateFilter(field_name="reply_due_on", lookup_expr="lte", label=_("Reply due until"))

    class Meta:
        model = Suggestion
        fields = []
        form = FilterForm

    def filter_year(self, queryset, name, value):
        # 1e5 or -1 pass the number field but overflow a date; only a plausible year filters.
        year = year_param(value)
        return queryset.filter(issued_on__year=year) if year else queryset

    def filter_q(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(title__icontains=value) | Q(doc_number__icontains=value)
                               | Q(case_number__icontains=value) | Q(content__icontains=value))

    def filter_on_time(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(replied_on_time=True)
        if value == "no":
            return queryset.filter(replied_on_time=False)
        if value == "judged":
            from django.db.models import Q

            return queryset.filter(Q(replied_on_time__isnull=False) | overdue_q(timezone.localdate()))
        return queryset.filter(overdue_q(timezone.localdate()))

    def filter_adoption(self, queryset, name, value):
        if value == "adopted":
            return queryset.filter(adopted_q())
        return queryset.filter(evaluated_q()).exclude(adopted_q())
