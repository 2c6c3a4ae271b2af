"""The court's case workbook: every row checked (row and column named), then all cases written or none."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fuyuan.lib.excel_read import read_table
from fuyuan.units.models import MemberUnit

from . import services
from .models import (
    Case,
    Hearing,
    Instance,
    Outcome,
    PlaintiffType,
    PreLitigation,
    Proceeding,
    instance_of_number,
    normalise_case_number,
)

HEADERS = {"案号": "number", "类型": "proceeding", "案件类型": "proceeding", "法院": "court", "审理法院": "court",
           "复议机关": "court", "审级": "instance", "案由": "cause", "原告类型": "plaintiff_type",
           "原告": "plaintiff_type", "申请人类型": "plaintiff_type", "被告": "defendant", "被告单位": "defendant",
           "被申请人": "defendant", "申请日期": "applied_on", "立案日期": "filed_on", "受理日期": "filed_on",
           "开庭日期": "hearings", "结案日期": "closed_on", "决定日期": "closed_on", "结案方式": "outcome",
           "裁判结果": "outcome", "复议决定": "outcome", "协调化解": "coordinated", "诉前化解": "pre_litigation",
           "备注": "note"}
REQUIRED = {"number": "案号", "cause": "案由", "defendant": "被告", "filed_on": "立案日期"}
LABELS = {"number": "案号", "proceeding": "类型", "court": "法院", "instance": "审级", "cause": "案由",
          "plaintiff_type": "原告类型", "defendant": "被告", "defendant_name": "被告", "applied_on": "申请日期",
          "filed_on": "立案日期", "hearings": "开庭日期", "closed_on": "结案日期", "outcome": "结案方式",
          "coordinated": "协调化解", "pre_litigation": "诉前化解", "note": "备注", "__all__": "案号"}
PROCEEDINGS = {"": Proceeding.LITIGATION, "行政诉讼": Proceeding.LITIGATION, "诉讼": Proceeding.LITIGATION,
               "行政复议": Proceeding.REVIEW, "复议": Proceeding.REVIEW}
INSTANCES = {"一审": Instance.FIRST, "二审": Instance.SECOND, "再审": Instance.RETRIAL,
             "非诉执行": Instance.ENFORCEMENT, "非诉审查": Instance.ENFORCEMENT}
PLAINTIFFS = {"": PlaintiffType.PERSON, "自然人": PlaintiffType.PERSON, "个人": PlaintiffType.PERSON,
              "企业": PlaintiffType.ENTERPRISE, "其他组织": PlaintiffType.OTHER, "其他": PlaintiffType.OTHER}
OUTCOMES = {"": "", "维持": Outcome.UPHELD, "驳回诉讼请求": Outcome.UPHELD, "维持/驳回诉讼请求": Outcome.UPHELD,
            "撤销": Outcome.REVOKED, "变更": Outcome.CHANGED, "确认违法": Outcome.CONFIRMED_ILLEGAL,
            "责令履行": Outcome.ORDERED, "调解": Outcome.MEDIATED, "撤诉": Outcome.WITHDRAWN,
            "撤回申请": Outcome.WITHDRAWN, "裁定驳回起诉": Outcome.DISMISSED, "驳回起诉": Outcome.DISMISSED,
            "驳回申请": Outcome.REJECTED, "驳回": Outcome.REJECTED, "终止": Outcome.TERMINATED, "其他": Outcome.OTHER}
PRE_LITIGATION = {"": PreLitigation.NOT_TRIED, "未开展": PreLitigation.NOT_TRIED, "否": PreLitigation.NOT_TRIED,
                  "化解成功": PreLitigation.RESOLVED, "成功": PreLitigation.RESOLVED,
                  "部分化解": PreLitigation.PARTLY, "未化解": PreLitigation.FAILED, "失败": PreLitigation.FAILED}
YES = {"是": True, "Y": True, "y": True, "√": True, "": False, "否": False, "N": False, "n": False}


def parse_date(text: str) -> datetime.date | None:
    """2026年4月30日, 2026-04-30, 2026/4/30 or 2026.4.30; ValueError for anything else, None for nothing."""
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?(\s+00:00:00)?", text.strip())
    if not match:
        raise ValueError(text)
    return datetime.date(int(match[1]), int(match[2]), int(match[3]))


def _choice(row, field, table, errors, number):
    value = row.get(field, "")
    if value not in table:
        errors.append((number, LABELS[field], _("must be one of: %(values)s") % {
            "values": "、".join(k for k in table if k)}))
        return None
    return table[value]


def _date(row, field, errors, number):
    try:
        return parse_date(row.get(field, ""))
    except ValueError:
        errors.append((number, LABELS[field], _("not a date (write 2026年4月30日 or 2026-04-30)")))
        return None


def validate(data: bytes, by):
    """([(case, hearing dates)], [(row, column, message)]) — nothing is written here."""
    rows = read_table(data, HEADERS, REQUIRED)
    units = list(MemberUnit.objects.all())
    existing = set(Case.objects.values_list("number", flat=True))
    seen, records, errors = set(), [], []
    for row in rows:
        number, before = row["row"], len(errors)
        proceeding = _choice(row, "proceeding", PROCEEDINGS, errors, number) or Proceeding.LITIGATION
        case_number = normalise_case_number(row["number"]) if proceeding == Proceeding.LITIGATION else row["number"]
        if case_number in existing:
            errors.append((number, LABELS["number"], _("%(number)s is already registered.") % {"number": case_number}))
        elif case_number in seen:
            errors.append((number, LABELS["number"], _("appears twice in the workbook")))
        seen.add(case_number)
        if not services.can_register(by, proceeding):
            errors.append((number, LABELS["proceeding"], _("your account cannot register this kind of case")))
        instance = _choice(row, "instance", {"": "", **INSTANCES}, errors, number)
        if proceeding == Proceeding.LITIGATION and not instance:
            instance = instance_of_number(case_number) or ""
        defendant_text = row.get("defendant", "")
        defendant = next((u for u in units if defendant_text and defendant_text in u.all_names()), None)
        if defendant is None and defendant_text:
            defendant = MemberUnit.objects.matching(defendant_text).first()
        hearings = []
        for part in re.split(r"[、,，;；\n]", row.get("hearings", "")):
            try:
                if day := parse_date(part):
                    hearings.append(day)
            except ValueError:
                errors.append((number, LABELS["hearings"], _("not a date (write 2026年4月30日 or 2026-04-30)")))
                break
        case = Case(proceeding=proceeding, number=case_number, court=row.get("court", ""), instance=instance or "",
                    cause=row.get("cause", ""), plaintiff_type=_choice(row, "plaintiff_type", PLAINTIFFS, errors,
                                                                       number) or PlaintiffType.PERSON,
                    defendant=defendant, defendant_name="" if defendant else defendant_text,
                    applied_on=_date(row, "applied_on", errors, number),
                    filed_on=_date(row, "filed_on", errors, number),
                    closed_on=_date(row, "closed_on", errors, number),
                    outcome=_choice(row, "outcome", OUTCOMES, errors, number) or "",
                    coordinated=bool(_choice(row, "coordinated", YES, errors, number)),
                    pre_litigation=_choice(row, "pre_litigation", PRE_LITIGATION, errors, number) or "",
                    note=row.get("note", ""), registered_by=by)
        if services.is_court(by):
            case.court_unit_id, case.court = by.unit_id, case.court or by.unit.name
        if len(errors) == before:
            try:
                case.full_clean(exclude=["registered_by", "court_unit", "number"] if case.number in existing else
                                ["registered_by", "court_unit"], validate_unique=False)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors.append((number, LABELS.get(field, field), "；".join(messages)))
        if case.filed_on and any(day < case.filed_on for day in hearings):
            errors.append((number, LABELS["hearings"], _("A hearing cannot be before the case was filed.")))
        records.append((case, hearings))
    return records, errors


@transaction.atomic
def save_cases(*, records, by, request=None) -> int:
    """Write every validated case and its hearings, one audit entry per case."""
    for case, hearings in records:
        case.save()
        Hearing.objects.bulk_create(Hearing(case=case, held_on=day) for day in hearings)
        services._audit(case, "case_imported", by, request, number=case.number)
    return len(records)
