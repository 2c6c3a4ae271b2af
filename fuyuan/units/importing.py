"""Member units from Excel, for setting up a new office: every row checked, all written or none."""

from django.db import transaction
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role
from fuyuan.lib.excel_read import read_table
from fuyuan.lib.params import int_param

from .models import MemberUnit, UnitKind

HEADERS = {"单位名称": "name", "名称": "name", "单位": "name", "简称": "short_name", "别名": "aliases",
           "类别": "kind", "类型": "kind", "排序": "order", "顺序": "order"}
REQUIRED = {"name": "单位名称"}
LABELS = {"name": "单位名称", "short_name": "简称", "aliases": "别名", "kind": "类别", "order": "排序"}
KIND_NAMES = {"政府部门": UnitKind.GOVERNMENT, "部门": UnitKind.GOVERNMENT, "法院": UnitKind.COURT,
              "检察院": UnitKind.PROCURATORATE, "苏木镇": UnitKind.TOWNSHIP, "乡镇": UnitKind.TOWNSHIP,
              "街道": UnitKind.TOWNSHIP, "其他": UnitKind.OTHER, "": UnitKind.GOVERNMENT}


def validate(data: bytes):
    """(units to save, [(row, column, message)]): existing names are updated, new ones created."""
    rows = read_table(data, HEADERS, REQUIRED)
    existing = {unit.name: unit for unit in MemberUnit.objects.all()}
    seen, units, errors = set(), [], []
    for row in rows:
        number, name = row["row"], row.get("name", "")
        if not name:
            errors.append((number, LABELS["name"], _("empty")))
            continue
        if name in seen:
            errors.append((number, LABELS["name"], _("“%(name)s” appears twice") % {"name": name}))
        seen.add(name)
        kind = KIND_NAMES.get(row.get("kind", ""))
        if kind is None:
            errors.append((number, LABELS["kind"], _("must be one of: %(kinds)s") % {
                "kinds": "、".join(k for k in KIND_NAMES if k)}))
        order = row.get("order", "")
        if order and int_param(order, low=0, high=1_000_000) is None:
            errors.append((number, LABELS["order"], _("must be a whole number")))
        unit = existing.get(name) or MemberUnit(name=name)
        unit.short_name = row.get("short_name", "")[:50] or unit.short_name
        unit.aliases = [a for a in _split(row.get("aliases", "")) if a != name] or unit.aliases
        unit.kind = kind or unit.kind
        fallback = unit.order if unit.pk else 100 + number
        unit.order = int_param(order, low=0, high=1_000_000, default=fallback)
        unit.active = True
        try:
            unit.full_clean(validate_unique=False)
        except Exception as error:  # ValidationError: one message per field
            for field, messages in getattr(error, "message_dict", {"name": [str(error)]}).items():
                errors.append((number, LABELS.get(field, field), "；".join(messages)))
        units.append(unit)
    return units, errors


def _split(text):
    return [part.strip() for part in text.replace("，", "、").replace(",", "、").split("、") if part.strip()]


@transaction.atomic
def save_units(*, units, by, check_role=True) -> int:
    """Write every validated unit (audited by auditlog on save)."""
    if check_role and not has_role(by, Role.OFFICE):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    for unit in units:
        unit.save()
    return len(units)
