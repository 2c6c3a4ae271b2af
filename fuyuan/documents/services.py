"""Issuing a document: the next number of its kind and year, once per document, audited."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fuyuan.accounts.roles import Role, has_role
from fuyuan.audit.services import record_event

from .models import KIND_CODES, DocumentKind, IssuedDocument, NumberCounter


class IssueRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def format_number(kind: str, year: int, serial: int) -> str:
    """府院联办督〔2026〕3号, or 第3期 for minutes."""
    if kind == DocumentKind.MINUTES:
        return f"第{serial}期"
    return f"{settings.DOCUMENT_CODE}{KIND_CODES[DocumentKind(kind)]}〔{year}〕{serial}号"


def draft_number(kind: str, year: int) -> str:
    """What a document not yet issued shows where its number goes (the serial left blank)."""
    if kind == DocumentKind.MINUTES:
        return "第　期"
    return f"{settings.DOCUMENT_CODE}{KIND_CODES[DocumentKind(kind)]}〔{year}〕　号"


def issued(kind: str, subject: str) -> IssuedDocument | None:
    """The document's issue, if it has been issued."""
    return IssuedDocument.objects.filter(kind=kind, subject=subject).first()


def issue(*, kind: str, subject: str, title: str, by, on: datetime.date | None = None, request=None) -> IssuedDocument:
    """Give the document the next number of its kind and year; issuing it again returns the same number."""
    if not has_role(by, Role.OFFICE):
        raise IssueRefused(_("Only the office issues documents."))
    if kind not in DocumentKind.values:
        raise IssueRefused(_("Unknown kind of document."))
    year = (on or timezone.localdate()).year
    with transaction.atomic():
        # Lock the year's counter first: a request issuing the same document at the same moment then sees it.
        counter = _locked_counter(kind, year)
        existing = issued(kind, subject)
        if existing:
            return existing
        counter.last += 1
        counter.save(update_fields=["last"])
        document = IssuedDocument.objects.create(
            kind=kind, subject=subject, year=year, serial=counter.last, number=format_number(kind, year, counter.last),
            title=title[:300], issued_by=by)
        record_event("transition", request=request, actor=by, target=document,
                     detail={"transition": "document_issued", "kind": kind, "subject": subject,
                             "number": document.number})
    return document


def _locked_counter(kind, year):
    try:
        with transaction.atomic():
            NumberCounter.objects.get_or_create(kind=kind, year=year)
    except IntegrityError:  # another request created it first
        pass
    return NumberCounter.objects.select_for_update().get(kind=kind, year=year)


def number_for(kind: str, subject: str, year: int) -> str:
    """The issued number to print, or the draft placeholder before the office issues the document."""
    document = issued(kind, subject)
    return document.number if document else draft_number(kind, year)


def masthead_mark() -> str:
    """发文机关标志: the office's name followed by 文件."""
    return f"{settings.OFFICE_NAME}文件"
