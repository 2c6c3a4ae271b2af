"""The office's pages for member units, unit groups and the roster; leaders may read them."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import Role, role_required

from . import services
from .forms import GroupForm, RosterForm, UnitForm
from .models import MemberUnit, RosterPosition, UnitGroup

READERS = (Role.OFFICE, Role.LEADER)


@role_required(*READERS)
def unit_list(request):
    """All member units with their kind, aliases, groups and liaison count."""
    show = request.GET.get("show", "active")
    units = MemberUnit.objects.annotate(
        liaison_count=Count("accounts", filter=Q(accounts__role=Role.LIAISON, accounts__is_active=True))
    ).prefetch_related("groups")
    if show != "all":
        units = units.filter(active=True)
    without_liaison = MemberUnit.objects.active().without_liaison().order_by("order", "name")
    return render(request, "units/unit_list.html", {"units": units, "show": show,
                                                    "without_liaison": list(without_liaison)})


@role_required(Role.OFFICE)
def unit_edit(request, pk=None):
    """Create a unit, or edit one."""
    unit = get_object_or_404(MemberUnit, pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        unit = services.save_unit(form=form, by=request.user)
        messages.success(request, _("Unit “%(name)s” saved.") % {"name": unit.name})
        return redirect("units:list")
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})


@role_required(Role.OFFICE)
@require_POST
def unit_set_active(request, pk):
    """Deactivate or reactivate a unit."""
    unit = get_object_or_404(MemberUnit, pk=pk)
    active = request.POST.get("active") == "1"
    services.set_unit_active(unit=unit, active=active, by=request.user)
    if active:
        messages.success(request, _("Unit “%(name)s” reactivated.") % {"name": unit.name})
    else:
        messages.success(request, _("Unit “%(name)s” deactivated; its history is kept.") % {"name": unit.name})
    return redirect("units:list")


@role_required(*READERS)
def group_list(request):
    """Printed collectives and the units they stand for."""
    groups = UnitGroup.objects.prefetch_related("units")
    return render(request, "units/group_list.html", {"groups": groups})


@role_required(Role.OFFICE)
def group_edit(request, pk=None):
    """Create or edit a unit group."""
    group = get_object_or_404(UnitGroup, pk=pk) if pk else None
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        group = services.save_group(form=form, by=request.user)
        messages.success(request, _("Group “%(name)s” saved.") % {"name": group.name})
        return redirect("units:groups")
    return render(request, "units/group_form.html", {"form": form, "group": group})


@role_required(*READERS)
def roster(request):
    """The joint meeting's roster now, and its history."""
    positions = RosterPosition.objects.select_related("unit")
    current = positions.current()
    past = positions.exclude(pk__in=current.values("pk")).order_by("-ended_on")
    return render(request, "units/roster.html", {"current": current, "past": past})


@role_required(Role.OFFICE)
def roster_add(request):
    """Add a roster position."""
    form = RosterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_roster_position(form=form, by=request.user)
        messages.success(request, _("Roster position added."))
        return redirect("units:roster")
    return render(request, "units/roster_form.html", {"form": form})


@role_required(Role.OFFICE)
@require_POST
def roster_end(request, pk):
    """End a roster position today (its history stays)."""
    position = get_object_or_404(RosterPosition, pk=pk)
    services.end_roster_position(position=position, by=request.user)
    messages.success(request, _("Roster position ended; it stays in the history."))
    return redirect("units:roster")


@role_required(Role.OFFICE)
def unit_import(request):
    """Member units from Excel (单位名称, 简称, 别名, 类别, 排序): existing names updated, all rows or none."""
    from fuyuan.lib.import_views import excel_import_page

    from . import importing

    def save(units):
        count = importing.save_units(units=units, by=request.user)
        messages.success(request, _("%(n)s units saved.") % {"n": count})
        return {}

    return excel_import_page(
        request, title=_("Import member units from Excel"),
        help_text=_("Columns: 单位名称, 简称, 别名 (separated by 、), "
                    "类别 (政府部门 / 法院 / 检察院 / 苏木镇 / 其他), 排序."),
        validate=importing.validate, save=save, template_url=reverse("units:import_template"))


@role_required(Role.OFFICE)
def unit_import_template(request):
    """The blank units workbook: header, an example row, a drop-down of unit kinds."""
    from fuyuan.lib.import_templates import template, template_response

    from . import importing

    headers = list(importing.LABELS.values())
    example = ["旗司法局", "司法局", "乌审旗司法局、司法局", "政府部门", 10]
    data = template(title="成员单位", headers=headers, example=example,
                    lists={importing.LABELS["kind"]: [k for k in importing.KIND_NAMES if k]})
    return template_response(data, "成员单位导入模板.xlsx")
