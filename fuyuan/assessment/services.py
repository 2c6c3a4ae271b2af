"""The office's writes on the 考核: manual adjustments, revising a year's rules, publishing a year's result."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role
from fuyuan.audit.services import record_event

from .models import Adjustment, PublishedResult, RuleVersion
from .results import live


class AssessmentRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _check(by, year):
    if not has_role(by, Role.OFFICE):
        raise AssessmentRefused(_("Only the office changes the assessment."))
    if PublishedResult.objects.filter(year=year).exists():
        raise AssessmentRefused(_("The result of %(year)s is published and can no longer change.")
                                % {"year": year}) from None


def add_adjustment(*, unit, year, points, reason, document, by, request=None) -> Adjustment:
    """Record a manual 加分/减分 with its reason and supporting document."""
    _check(by, year)
    points = Decimal(points)
    if points == 0:
        raise AssessmentRefused(_("An adjustment adds or deducts points: enter a number other than 0."))
    if not (reason or "").strip():
        raise AssessmentRefused(_("Give the reason for the adjustment."))
    if not document:
        raise AssessmentRefused(_("Attach the document the adjustment rests on."))
    with transaction.atomic():
        adjustment = Adjustment(unit=unit, year=year, points=points, reason=reason.strip(), created_by=by)
        adjustment.document.save(document.name, document, save=False)
        adjustment.full_clean()
        adjustment.save()
        record_event("transition", request=request, actor=by, target=adjustment,
                     detail={"transition": "assessment_adjusted", "unit": unit.name, "year": year,
                             "points": str(points), "reason": adjustment.reason})
    return adjustment


def rules_saved(*, year, measures, by, request=None) -> RuleVersion:
    """A new revision of the year's rules after the office saved changes to them."""
    _check(by, year)
    with transaction.atomic():
        version, created = RuleVersion.objects.select_for_update().get_or_create(year=year)
        if not created:
            version.revision += 1
            version.save(update_fields=["revision", "changed_at"])
        record_event("transition", request=request, actor=by, target=by,
                     detail={"transition": "scoring_rules_saved", "year": year, "measures": measures,
                             "version": str(version)})
    return version


def publish(*, year, by, today=None, request=None) -> PublishedResult:
    """Freeze the year's result as it stands; it is what every later export and notice shows."""
    _check(by, year)
    data = live(year, today)
    try:
        with transaction.atomic():
            published = PublishedResult.objects.create(year=year, rule_version=data["rule_version"], data=data,
                                                        published_by=by)
            record_event("transition", request=request, actor=by, target=published,
                         detail={"transition": "assessment_published", "year": year,
                                 "version": data["rule_version"]})
    except IntegrityError:
        raise AssessmentRefused(_("The result of %(year)s is published and can no longer change.")
                                % {"year": year}) from None
    return published
