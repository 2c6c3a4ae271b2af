"""Issuing a document from its page: the office presses 签发编号, the document gets its 发文字号."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fuyuan.accounts.roles import Role, role_required

from . import services
from .models import DocumentKind


def _title(kind, subject):
    """The title of the document a (kind, subject) names; Http404 when it names nothing."""
    prefix, _sep, rest = subject.partition(":")
    if kind == DocumentKind.SUPERVISION_NOTICE and prefix == "task" and rest.isdigit():
        from tasks import documents
        from tasks.models import Task

        return documents.title(get_object_or_404(Task.objects.exclude(status="draft"), pk=int(rest)))
    if kind in (DocumentKind.MEETING_NOTICE, DocumentKind.MINUTES) and prefix == "meeting":
        from meetings import documents
        from meetings.models import Meeting

        pk, _sep, which = rest.partition(":")
        if pk.isdigit() and which == ("notice" if kind == DocumentKind.MEETING_NOTICE else "minutes"):
            return documents.title(get_object_or_404(Meeting, pk=int(pk)), which)
    if kind == DocumentKind.BULLETIN and prefix == "bulletin":
        from fuyuan.assessment import bulletin
        from tasks import deadlines

        try:
            return bulletin.title(deadlines.period_from_key(rest))
        except ValueError:
            raise Http404 from None
    if kind == DocumentKind.ASSESSMENT and prefix == "assessment" and rest.isdigit() and 2000 <= int(rest) <= 2100:
        from fuyuan.assessment import notice

        return notice.title(int(rest))
    raise Http404


@require_POST
@role_required(Role.OFFICE)
def issue(request):
    """Give the document its number (once; issuing again keeps it) and go back to its page."""
    kind, subject = request.POST.get("kind", ""), request.POST.get("subject", "")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "home"
    try:
        title = _title(kind, subject)
    except Http404:
        messages.error(request, _("There is no such document to issue."))
        return redirect(target)
    try:
        document = services.issue(kind=kind, subject=subject[:60], title=title, by=request.user, request=request)
    except services.IssueRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Issued as %(number)s.") % {"number": document.number})
    return redirect(target)
