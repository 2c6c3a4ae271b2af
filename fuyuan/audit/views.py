"""The auditor's pages: search the audit trail, export it to Excel."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from fuyuan.accounts.roles import Role, role_required
from fuyuan.lib.excel import XLSX_CONTENT_TYPE, add_sheet, new_workbook, workbook_bytes

from .chain import verify
from .filters import AuditFilter
from .readable import Reader
from .selectors import audit_entries, entry_row

EXPORT_LIMIT = 100_000
REASONS = {"entry_altered": _lazy("the entry was changed after it was written"),
           "entry_deleted": _lazy("the entry was deleted"),
           "entry_inserted": _lazy("the entry was added outside the application"),
           "chain_cut": _lazy("an entry before it was removed with its link, or the chain was rewritten")}


@role_required(Role.AUDITOR)
def audit_log(request):
    """List audit entries, filtered, 100 a page."""
    entries = AuditFilter(request.GET, queryset=audit_entries())
    page = Paginator(entries.qs, 100).get_page(request.GET.get("page"))
    reader = Reader()
    rows = [entry_row(e, reader) for e in page]
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("verify", None)
    # Walking the whole chain takes a while on a large trail, so it runs when the auditor asks.
    verdict = verify() if request.GET.get("verify") else None
    return render(
        request,
        "audit/log.html",
        {"filter": entries, "page": page, "rows": rows, "query": query.urlencode(), "verdict": verdict,
         "reasons": REASONS},
    )


@role_required(Role.AUDITOR)
def audit_export(request):
    """The filtered audit entries as an .xlsx workbook."""
    entries = AuditFilter(request.GET, queryset=audit_entries()).qs[:EXPORT_LIMIT]
    headers = [_("Time"), _("Account"), _("Name"), _("IP address"), _("Event"), _("Record type"),
               _("Record"), _("Changes (before → after)"), _("Detail")]

    def rows():
        reader = Reader()
        for entry in entries.iterator(chunk_size=2000):
            row = entry_row(entry, reader)
            changes = "；".join(f"{f}：{b} → {a}" for f, b, a in row["changes"])
            yield [row["time"], row["actor"], row["actor_name"], row["ip"], row["kind_label"],
                   row["object_type"], row["object"], changes, row["detail"]]

    workbook = new_workbook()
    add_sheet(workbook, _("Audit log"), headers, rows(), widths=[26, 14, 12, 16, 12, 14, 30, 60, 30])
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.xlsx"'
    return response
