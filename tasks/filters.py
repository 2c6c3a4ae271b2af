"""The ledger's filters (django-filter): what the office narrows the ledger by, and how it sorts."""

from types import SimpleNamespace

import django_filters
from django.db.models import CharField, Exists, F, OuterRef, Q, Value, Window
from django.db.models.functions import RowNumber
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fuyuan.lib.forms import DateInput, FilterForm, FilterSetOnce
from fuyuan.lib.params import year_param
from fuyuan.lib.sql import compiled_rows
from fuyuan.units.models import MemberUnit

from . import deadlines
from .models import OPEN_STATUSES, Category, Origin, Plan, Status, Task, TaskUnit, UnitRole

ALL = _("All")


class YesNoAll(django_filters.widgets.BooleanWidget):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("All")), ("true", _("Yes")), ("false", _("No")))


LIGHT_CHOICES = [(light, deadlines.light_label(light)) for light in deadlines.LIGHTS]
STATUS_CHOICES = [("open", _("Open (assigned, in progress or awaiting closure)")), *Status.choices]
PART_CHOICES = [(UnitRole.LEAD, _("as lead unit")), (UnitRole.RESPONSIBLE, _("as responsible unit"))]


# The lists the filter bar offers: (filter, model, the columns its label is made of, the order its filter's queryset
# lists them in: the model's ordering, a relation's expanded to its model's; tests hold the two equal).
OPTION_LISTS = (("plan", Plan, ("title",), ("-issued_on", "-pk")),
                ("category", Category, ("number", "title"), ("-plan__issued_on", "-plan__pk", "order")),
                ("unit", MemberUnit, ("name",), ("order", "name")))
_LABELS = max(len(columns) for _name, _model, columns, _order in OPTION_LISTS)


def _option_rows(base_filters) -> tuple:
    """For each of OPTION_LISTS, (pk, *columns) of every option of its model choice filter, in its queryset's order.

    The three lists are one statement (UNION ALL, each row numbered in its list's order), and it takes nothing from
    the request, so its SQL is compiled once (fuyuan.lib.sql.compiled_rows) and only run here: compiling the lists'
    queries was a tenth of the ledger page, and their three round trips ~0.3 ms of it.
    """
    def query():
        parts = []
        for index, (name, _model, columns, order) in enumerate(OPTION_LISTS):
            labels = {f"label{i}": F(column) if i < len(columns) else Value(None, output_field=CharField())
                      for i, column in enumerate(columns + ("",) * (_LABELS - len(columns)))}
            parts.append(base_filters[name].queryset.order_by()
                         .annotate(list=Value(index), n=Window(RowNumber(), order_by=list(order)), **labels)
                         .values_list("list", "n", "pk", *labels))
        return parts[0].union(*parts[1:], all=True).order_by("list", "n")

    lists = tuple([] for _ in OPTION_LISTS)
    for index, _n, pk, *labels in compiled_rows(("ledger.options",), query):
        lists[index].append((pk, *labels[:len(OPTION_LISTS[index][2])]))
    return tuple(tuple(rows) for rows in lists)


# The filter bar's fields as written for a (language, option rows, request's values): see LedgerFilter.fields_html.
_FIELDS_HTML = {}
_FIELDS_HTML_MAX = 128


class LedgerFilter(FilterSetOnce, django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    light = django_filters.ChoiceFilter(choices=LIGHT_CHOICES, label=_("Light"), empty_label=ALL)
    missing = django_filters.BooleanFilter(field_name="missing_report", method="filter_missing",
                                           label=_("Report missing"), widget=YesNoAll)
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status", label=_("Status"),
                                        empty_label=ALL)
    origin = django_filters.ChoiceFilter(choices=Origin.choices, label=_("Origin"), empty_label=ALL)
    plan = django_filters.ModelChoiceFilter(queryset=Plan.objects.all(), label=_("Plan"), empty_label=ALL)
    category = django_filters.ModelChoiceFilter(queryset=Category.objects.select_related("plan"),
                                                label=_("Category"), empty_label=ALL)
    unit = django_filters.ModelChoiceFilter(queryset=MemberUnit.objects.filter(active=True), method="filter_unit",
                                            label=_("Unit"), empty_label=ALL)
    part = django_filters.ChoiceFilter(choices=PART_CHOICES, method="filter_noop", label=_("Unit's part"),
                                      empty_label=_("Lead or responsible"))
    year = django_filters.NumberFilter(method="filter_year", label=_("Year"))
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("Due from"),
                                          widget=DateInput)
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("Due by"),
                                           widget=DateInput)
    sort = django_filters.OrderingFilter(
        fields=(
            ("sort_key", "number"),
            ("light_order", "light"),
            ("due_date", "due"),
            ("status", "status"),
            ("title", "title"),
            ("closed_on", "closed"),
            ("updated_at", "updated"),
        ),
        field_labels={"sort_key": _("Number"), "light_order": _("Light"), "due_date": _("Deadline"),
                      "status": _("Status"), "title": _("Item"), "closed_on": _("Closed on"),
                      "updated_at": _("Last change")},
        label=_("Sort by"),
    )

    class Meta:
        model = Task
        fields = []
        form = FilterForm

    @property
    def form(self):
        """The filter form, its plan, category and unit lists read as (pk, label) rows in one plain query each.

        A ModelChoiceField's widget would build a model instance per option through a server-side cursor on
        PostgreSQL (three round trips a list); validation still goes through each field's queryset. The label
        is the model's own __str__, applied to the row's columns without building an instance.
        """
        if not hasattr(self, "_form"):
            form = super().form
            for (name, model, columns, _order), rows in zip(OPTION_LISTS, self.option_rows(), strict=True):
                field = form.fields[name]
                field.widget.choices = [("", field.empty_label)] + [
                    (pk, model.__str__(SimpleNamespace(**dict(zip(columns, values, strict=True)))))
                    for pk, *values in rows]
        return self._form

    def option_rows(self) -> tuple:
        """The plan, category and unit lists' rows (OPTION_LISTS), read once for this filter."""
        if not hasattr(self, "_option_rows"):
            self._option_rows = _option_rows(self.base_filters)
        return self._option_rows

    def fields_html(self):
        """The filter bar's fields but the sort (a hidden input of the page's own), as the ledger's template wrote
        them: each field's label and widget in a column.

        What they write depends only on the language, the option lists' rows and, for a filtered ledger, the
        request's values of the fields (their selection, and whether they are valid: a field in error is marked
        aria-invalid, and validity is decided by the same rows). Written once for each such key and then reused,
        without building the form and rendering its dozen widgets and hundred options (~2 ms of the ledger).
        The rows are read on every request, so a renamed unit or a new plan shows at once.
        """
        values = None
        if self.is_bound:
            getlist = getattr(self.data, "getlist", lambda name: [self.data[name]] if name in self.data else [])
            values = tuple((name, tuple(getlist(name))) for name in self.base_filters if name != "sort")
        key = (get_language(), self.option_rows(), values)
        html = _FIELDS_HTML.get(key)
        if html is None:
            html = mark_safe("".join(
                f'\n  <div class="col-auto"><label class="form-label small mb-0" '
                f'for="{conditional_escape(field.id_for_label)}">{conditional_escape(field.label)}</label>{field}</div>'
                "\n  " for field in self.form if field.name != "sort"))
            if len(_FIELDS_HTML) >= _FIELDS_HTML_MAX:
                _FIELDS_HTML.clear()
            _FIELDS_HTML[key] = html
        return html

    def filter_q(self, queryset, name, value):
        """Every word must appear in the number, title, body or a unit's name (printed or matched)."""
        for word in value.split():
            names_unit = Exists(TaskUnit.objects.filter(task=OuterRef("pk"), unit__name__icontains=word))
            queryset = queryset.filter(
                Q(number__iexact=word) | Q(title__icontains=word) | Q(body__icontains=word)
                | Q(lead_text__icontains=word) | Q(responsible_text__icontains=word) | names_unit
            )
        return queryset

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(Exists(self._assignments(unit)))

    def _assignments(self, unit):
        assignments = TaskUnit.objects.filter(task=OuterRef("pk"), unit=unit)
        part = self.form.cleaned_data.get("part")
        return assignments.filter(role=part) if part else assignments

    def filter_missing(self, queryset, name, value):
        queryset = queryset.filter(missing_report=value)
        unit = self.form.cleaned_data.get("unit")
        if value and unit:
            # With a unit, 缺报 means this unit's: the list behind a unit's 缺报 count on the dashboard.
            from django.utils import timezone

            from .report_state import unit_missing_q

            queryset = queryset.filter(Exists(self._assignments(unit).filter(unit_missing_q(timezone.localdate()))))
        return queryset

    # Narrow the rows but not the counts per light above them (each count is a link that narrows).
    ROWS_ONLY = ("light", "missing")

    def querysets(self):
        """(rows, the counts' base, the cleaned sort) from one validation of the filters.

        The counts' base has every filter but the light and 缺报; the rows add those. Neither is ordered: the
        ledger orders its rows by ledger_paging.ledger_order(sort). An invalid value is ignored, as `qs` does.
        """
        counts = self.queryset.all()
        if not self.is_bound:
            return counts, counts, []
        data = self.form.cleaned_data if self.form.is_valid() or hasattr(self.form, "cleaned_data") else {}
        for name, value in data.items():
            if name not in self.ROWS_ONLY and name != "sort":
                counts = self.filters[name].filter(counts, value)
        rows = counts
        for name in self.ROWS_ONLY:
            if name in data:
                rows = self.filters[name].filter(rows, data[name])
        return rows, counts, data.get("sort") or []

    def filter_year(self, queryset, name, value):
        from .selectors import in_year

        year = year_param(value)
        return queryset.filter(in_year(year)) if year else queryset

    def filter_noop(self, queryset, name, value):
        # `part` only qualifies `unit` (see filter_unit).
        return queryset

