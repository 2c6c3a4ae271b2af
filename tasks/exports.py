"""The ledger's Excel export, inline or in the background, from one scoped function.

The page's filter travels as its query string; `ledger_export_rows(user, query)` rebuilds the rows the user
sees (Task.objects.visible_to through ledger_tasks, then the same LedgerFilter), so the inline file and the
background job's file hold the same rows — a liaison's only their unit's.
"""

from django.http import QueryDict
from django.utils import timezone

from . import ledger_paging
from .excel import write_ledger
from .filters import LedgerFilter
from .selectors import ledger_tasks


class _FilterRequest:
    """What LedgerFilter reads from a request: its user and query (a worker has no request)."""

    def __init__(self, user, query):
        self.user = user
        self.GET = QueryDict(query)


def ledger_export_rows(user, query, today):
    """The ledger rows `user` sees with the page's filters in `query`, in the page's order."""
    request = _FilterRequest(user, query)
    tasks = ledger_tasks(user, today)
    rows, _counts_base, sort = LedgerFilter(request.GET or None, queryset=tasks, request=request).querysets()
    return ledger_paging.order_by(rows, ledger_paging.ledger_order(sort))


def ledger_filename(today):
    return f"督办台账-{today:%Y%m%d}.xlsx"


def write_ledger_export(*, user, query, stream, progress=None):
    """The background writer (fuyuan.jobs EXPORTERS["ledger"]): returns the download's file name."""
    today = timezone.localdate()
    write_ledger(ledger_export_rows(user, query, today), stream, today, progress=progress)
    return ledger_filename(today)
