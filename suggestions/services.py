"""Every change to a suggestion; each also moves its reply task in the supervision engine.

register → (the addressee signs, as any task) → reply (= 申请办结 of the reply task) → evaluate (= 办结)
or return_for_more (= 退回 with a new deadline, 跟踪问效). The issuer may change the deadline, with a reason.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role
from fuyuan.audit.services import record_event
from fuyuan.lib.uploads import atomic_with_uploads
from tasks import services as task_services
from tasks.models import DeadlineKind, EventKind, Origin, Task
from tasks.services import TransitionRefused
from tasks.templatetags.supervision import cn_date

from . import rules
from .models import KIND_OF_ISSUER, TYPES_OF_KIND, Kind, Status, Suggestion


def _require_issuer_of(suggestion, user):
    if not (has_role(user, Role.ISSUER) and user.unit_id == suggestion.issuer_id):
        raise TransitionRefused(_("Only the issuing court or procuratorate can do this."))


def _lock(suggestion) -> Suggestion:
    return Suggestion.objects.select_for_update().select_related("task", "issuer", "addressee").get(pk=suggestion.pk)


def _audit(suggestion, action, by, request=None, **detail):
    record_event("transition", request=request, actor=by, target=suggestion,
                 detail={"transition": action, "suggestion": suggestion.pk, **detail})


@atomic_with_uploads
def register(*, by, kind, type, doc_number, addressee, title, content, issued_on, served_on, urgent=False,
             case_number="", copy_to=(), attachment=None, reply_due_on=None, reply_due_reason="",
             request=None) -> Suggestion:
    """The issuer registers a suggestion; its reply task is opened and assigned to the addressee at once."""
    if not (has_role(by, Role.ISSUER) and by.unit_id):
        raise TransitionRefused(_("Only a court or procuratorate account can register a suggestion."))
    if kind != KIND_OF_ISSUER.get(by.unit.kind):
        raise TransitionRefused(_("A court registers judicial suggestions and a procuratorate procuratorial ones."))
    if type not in TYPES_OF_KIND.get(kind, []):
        raise TransitionRefused(_("This type does not belong to this kind of suggestion."))
    if addressee.pk == by.unit_id:
        raise TransitionRefused(_("A unit cannot address a suggestion to itself."))
    if served_on < issued_on:
        raise TransitionRefused(_("A suggestion cannot be served before it was issued."))
    if Suggestion.objects.filter(issuer_id=by.unit_id, doc_number=doc_number.strip()).exists():
        raise TransitionRefused(_("Your unit has already registered %(number)s.") % {"number": doc_number})
    rule = rules.applicable_rule(kind, type, urgent)
    by_rule = rules.reply_due_date(served_on, rule.months, rule.days, rule.working_days) if rule else None
    if reply_due_on is None:
        if by_rule is None:
            raise TransitionRefused(_("No reply rule applies: set the reply deadline."))
        reply_due_on = by_rule
    elif reply_due_on != by_rule and not reply_due_reason.strip():
        raise TransitionRefused(_("Give the reason for a reply deadline other than the rule's."))
    if reply_due_on < served_on:
        raise TransitionRefused(_("The reply deadline cannot be before the suggestion was served."))
    label = Kind(kind).label
    task = task_services.create_task(
        by=by, check_role=False, origin=Origin.SUGGESTION,
        title=(_("Reply to %(number)s: %(title)s") % {"number": doc_number, "title": title})[:300],
        body=content, number=doc_number[:30], sort_key=f"S{served_on:%Y%m%d}-{doc_number}"[:60],
        lead_units=[addressee], deadline_kind=DeadlineKind.DATE, due_date=reply_due_on,
        deadline_text="", lead_text="", request=request)
    task = task_services.assign(task=task, by=by, check_role=False, today=served_on, request=request)
    suggestion = Suggestion(kind=kind, type=type, doc_number=doc_number.strip(), issuer_id=by.unit_id,
                            addressee=addressee, case_number=case_number, title=title.strip(), content=content,
                            issued_on=issued_on, served_on=served_on, urgent=urgent, reply_due_on=reply_due_on,
                            reply_due_reason=reply_due_reason.strip(), rule=rule, task=task, registered_by=by)
    if attachment:
        suggestion.attachment = attachment
    suggestion.full_clean(exclude=["task", "registered_by"])
    suggestion.save()
    suggestion.copy_to.set(copy_to)
    _audit(suggestion, "registered", by, request, kind=str(label), due=str(reply_due_on))
    return suggestion


@transaction.atomic
def change_deadline(*, suggestion, by, reply_due_on: datetime.date, reason, request=None) -> Suggestion:
    """The issuer sets another reply deadline, with a reason; the reply task's deadline moves with it."""
    suggestion = _lock(suggestion)
    _require_issuer_of(suggestion, by)
    if suggestion.status == Status.CLOSED:
        raise TransitionRefused(_("This suggestion is closed."))
    if not reason.strip():
        raise TransitionRefused(_("Give the reason for changing the reply deadline."))
    if reply_due_on < suggestion.served_on:
        raise TransitionRefused(_("The reply deadline cannot be before the suggestion was served."))
    old = suggestion.reply_due_on
    suggestion.reply_due_on, suggestion.reply_due_reason = reply_due_on, reason.strip()
    suggestion.save(update_fields=["reply_due_on", "reply_due_reason"])
    task = Task.objects.select_for_update().get(pk=suggestion.task_id)
    task.due_date = reply_due_on
    task.save(update_fields=["due_date", "updated_at"])
    task_services._event(task, EventKind.EDITED, by=by, unit=suggestion.issuer, request=request,
                         text=_("reply deadline %(old)s → %(new)s: %(reason)s") % {
                             "old": cn_date(old), "new": cn_date(reply_due_on), "reason": reason.strip()})
    _audit(suggestion, "deadline_changed", by, request, old=str(old), new=str(reply_due_on), reason=reason.strip())
    return suggestion


@atomic_with_uploads
def reply(*, suggestion, by, reply_text, measures="", rectification="", attachments=(), today=None,
          request=None) -> Suggestion:
    """The addressee's written reply: submitted as the closure request of its reply task."""
    suggestion = _lock(suggestion)
    if not (has_role(by, Role.LIAISON, Role.ISSUER) and by.unit_id == suggestion.addressee_id):
        raise TransitionRefused(_("Only the addressed unit can reply."))
    if suggestion.status not in (Status.AWAITING_REPLY, Status.RETURNED):
        raise TransitionRefused(_("This suggestion is not waiting for a reply."))
    if not reply_text.strip():
        raise TransitionRefused(_("Write the reply."))
    today = today or timezone.localdate()
    # The reply's files are stored once, as the attachments of its item's closure request
    # (suggestions.selectors.reply_attachments lists them).
    task_services.request_closure(task=suggestion.task, by=by, summary=reply_text.strip(), attachments=attachments,
                                  today=today, for_suggestion=True, request=request)
    suggestion.reply_text, suggestion.measures = reply_text.strip(), measures.strip()
    suggestion.rectification = rectification.strip()
    if suggestion.replied_on is None:
        suggestion.replied_on = today  # on time is judged by the first reply
        suggestion.replied_on_time = today <= suggestion.reply_due_on
    suggestion.status = Status.REPLIED
    suggestion.save()
    _audit(suggestion, "replied", by, request)
    return suggestion


@transaction.atomic
def evaluate(*, suggestion, by, adoption, rectified: bool, comment="", today=None, request=None) -> Suggestion:
    """The issuer judges the reply (采纳 / 部分采纳 / 未采纳, 整改到位) and closes the suggestion."""
    suggestion = _lock(suggestion)
    _require_issuer_of(suggestion, by)
    if suggestion.status != Status.REPLIED:
        raise TransitionRefused(_("Only a replied suggestion can be evaluated."))
    if adoption not in ("adopted", "partly", "not_adopted"):
        raise TransitionRefused(_("Choose whether the suggestion was adopted."))
    today = today or timezone.localdate()
    task_services.close(task=suggestion.task, by=by, note=comment, today=today, check_role=False, request=request)
    suggestion.adoption, suggestion.rectified, suggestion.evaluation = adoption, rectified, comment.strip()
    suggestion.evaluated_on, suggestion.status = today, Status.CLOSED
    suggestion.save()
    _audit(suggestion, "evaluated", by, request, adoption=adoption, rectified=rectified)
    return suggestion


@transaction.atomic
def return_for_more(*, suggestion, by, reason, reply_due_on: datetime.date, request=None) -> Suggestion:
    """跟踪问效: the issuer finds the reply insufficient, says why, and sets a new deadline."""
    suggestion = _lock(suggestion)
    _require_issuer_of(suggestion, by)
    if suggestion.status != Status.REPLIED:
        raise TransitionRefused(_("Only a replied suggestion can be returned."))
    if not reason.strip():
        raise TransitionRefused(_("Say what more is needed."))
    if reply_due_on <= timezone.localdate():
        raise TransitionRefused(_("The new deadline must be in the future."))
    task_services.send_back(task=suggestion.task, by=by, reason=reason, check_role=False, request=request)
    task = Task.objects.select_for_update().get(pk=suggestion.task_id)
    task.due_date = reply_due_on
    task.save(update_fields=["due_date", "updated_at"])
    suggestion.status, suggestion.reply_due_on = Status.RETURNED, reply_due_on
    suggestion.reply_due_reason = reason.strip()
    suggestion.save(update_fields=["status", "reply_due_on", "reply_due_reason"])
    _audit(suggestion, "returned", by, request, reason=reason.strip(), due=str(reply_due_on))
    return suggestion
