"""The plan import review page: upload or paste → preview with warnings → map units, edit → confirm."""

import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fuyuan.accounts.roles import Role, role_required
from fuyuan.lib.forms import BootstrapMixin
from fuyuan.lib.params import int_param, pk_param
from fuyuan.lib.upload_policy import validate_workbook
from fuyuan.units.models import MemberUnit

from . import plan_import
from .services import TransitionRefused


class PlanSourceForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=gettext_lazy("Paste the plan's text"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12}))
    upload = forms.FileField(label=gettext_lazy("or upload a .docx / .txt file"), required=False)


@role_required(Role.OFFICE)
def import_plan(request):
    """Step 1 shows the form; a POST with `source` previews; a POST with `confirm` writes everything or nothing."""
    if request.method != "POST":
        return render(request, "tasks/plan_import.html", {"form": PlanSourceForm()})
    form = PlanSourceForm(request.POST, request.FILES)
    source = request.POST.get("source", "")
    try:
        if source:  # the review form carries the text it was parsed from
            text = plan_import.read_plan_source(text=source)
        else:
            form.is_valid()
            text = plan_import.read_plan_source(text=request.POST.get("text", ""), upload=request.FILES.get("upload"))
        parsed = plan_import.parse(text, add_lines=_ints(request.POST.getlist("add_line")))
    except plan_import.PlanInputError as error:
        form.add_error(None, str(error))
        return render(request, "tasks/plan_import.html", {"form": form})
    mapping, edits, collectives = _mapping(request.POST), _edits(request.POST), _collectives(request.POST)
    if "confirm" in request.POST:
        try:
            plan = plan_import.import_plan(
                parsed=parsed, source_text=text, by=request.user, mapping=mapping, edits=edits,
                create_units=request.POST.get("create_units") == "1", assign_now=request.POST.get("assign") == "1",
                as_new_version=request.POST.get("new_version") == "1", collectives=collectives,
                token=request.POST.get("review_token", ""), request=request)
        except TransitionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            count = plan.tasks.count()
            messages.success(request, _("Plan imported: %(n)s items.") % {"n": count})
            return redirect(reverse("tasks:ledger") + f"?plan={plan.pk}&sort=number")
    rows, unmatched = plan_import.preview(parsed, mapping, collectives)
    for row in rows:
        row.edit = edits.get(row.index, {})
    expansions = plan_import.collective_expansions(parsed, mapping)
    return render(request, "tasks/plan_import.html", {
        "form": form, "parsed": parsed, "rows": rows, "unmatched": unmatched, "source": text,
        "units": MemberUnit.objects.filter(active=True).order_by("order", "name"), "mapping": mapping,
        "warning_count": sum(1 for row in rows if row.warnings),
        "collectives": [(name, units, collectives.get(name)) for name, units in expansions],
        "previous": plan_import.already_imported(parsed, text), "post": request.POST,
        "review_token": plan_import.review_token(request.user, request.POST.get("review_token", "")),
        "without_liaison": plan_import.units_without_liaison(rows),
    })


def _ints(values):
    """The non-negative integers among submitted values (anything else is ignored)."""
    return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 6]


def _mapping(post):
    """{printed name: unit id} from the review form's map_<i> / map_name_<i> pairs."""
    mapping = {}
    for key, value in post.items():
        if key.startswith("map_name_"):
            chosen = pk_param(post.get("map_" + key.removeprefix("map_name_")))
            if chosen:
                mapping[value] = chosen
    return mapping


def _collectives(post):
    """{collective name: {unit ids kept}} from the review form's coll_name_<i> / coll_<i> checkboxes."""
    chosen = {}
    for key, name in post.items():
        if key.startswith("coll_name_"):
            values = post.getlist("coll_" + key.removeprefix("coll_name_"))
            chosen[name] = {int(value) for value in values if value.isdigit()}
    return chosen


def _edits(post):
    """{task index: {"title", "due_date", "skip"}} from the inline edits of the review table."""
    edits = {}
    for key, value in post.items():
        for field in ("title", "due_date", "skip"):
            prefix = f"{field}_"
            index = int_param(key.removeprefix(prefix), low=0, high=100_000) if key.startswith(prefix) else None
            if index is not None:
                if field == "due_date":
                    try:
                        value = datetime.date.fromisoformat(value) if value else None
                    except ValueError:
                        value = None
                elif field == "skip":
                    value = value == "1"
                else:
                    value = value.strip()[:300]
                edits.setdefault(index, {})[field] = value
    return edits


class TaskWorkbookForm(BootstrapMixin, forms.Form):
    workbook = forms.FileField(label=gettext_lazy("Excel workbook (.xlsx)"), validators=[validate_workbook])
    assign = forms.BooleanField(label=gettext_lazy("Assign the items to their units at once"), required=False)


@role_required(Role.OFFICE)
def import_tasks(request):
    """Tasks from Excel: every row is checked; any error is listed by row and column and nothing is written."""
    from . import excel_import

    form = TaskWorkbookForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["workbook"]
        try:
            rows, errors = excel_import.validate(excel_import.read_rows(upload.read()))
        except excel_import.WorkbookRefused as refusal:
            form.add_error("workbook", str(refusal))
        else:
            if not errors:
                plan = excel_import.import_tasks(rows=rows, by=request.user, name=upload.name,
                                                 assign_now=form.cleaned_data["assign"], request=request)
                messages.success(request, _("Imported %(n)s items.") % {"n": len(rows)})
                return redirect(reverse("tasks:ledger") + f"?plan={plan.pk}&sort=number")
    return render(request, "tasks/task_import.html", {"form": form, "errors": errors})


# What the 时限说明 drop-down offers: each reads back as its deadline kind (plan_deadlines.parse_deadline).
DEADLINE_CHOICES = ["长期坚持", "持续推进", "长期坚持（每季度报送）", "每月定期开展", "每季度定期开展",
                    "每半年定期开展", "每年定期开展"]


@role_required(Role.OFFICE)
def import_template(request):
    """The blank items workbook: the import's columns, an example row, drop-downs of units and deadline kinds."""
    from fuyuan.lib.import_templates import template, template_response, unit_names

    from .excel_import import COLUMN_LABELS

    names = unit_names()
    headers = [*COLUMN_LABELS.values(), "时限说明"]
    example = ["1", "建立健全府院联动工作机制", "建立府院联席会议制度", names[0] if names else "旗司法局",
               "、".join(names[1:3]), datetime.date(datetime.date.today().year, 12, 31), ""]
    data = template(title="督办事项", headers=headers, example=example,
                    lists={COLUMN_LABELS["lead"]: names, COLUMN_LABELS["responsible"]: names,
                           "时限说明": DEADLINE_CHOICES},
                    widths={"督办事项": 48, "完成时限": 16, "时限说明": 24})
    return template_response(data, "督办事项导入模板.xlsx")
