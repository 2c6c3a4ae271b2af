"""The ledger's 导出Excel: written during the request when small, as a background job with a progress page above."""

from urllib.parse import quote

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from fuyuan.accounts.roles import Role, role_required
from fuyuan.jobs import services as jobs

from .excel import write_ledger
from .exports import ledger_export_rows, ledger_filename

READERS = (Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(*READERS)
def export(request):
    """The ledger as an Excel workbook, with the current filters (a liaison gets only their unit's rows)."""
    today = timezone.localdate()
    query = request.GET.urlencode()
    rows = ledger_export_rows(request.user, query, today)
    total = rows.count()
    if total > jobs.INLINE_ROWS:
        job = jobs.request_export(user=request.user, kind="ledger", query=query, total=total, request=request)
        return redirect("jobs:detail", job.pk)
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(ledger_filename(today))}"
    write_ledger(rows, response, today)
    return response
