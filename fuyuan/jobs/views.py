"""An account's background exports: the progress page (htmx polls it), the download, the list."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from fuyuan.accounts.roles import Role, role_required

from .models import ExportStatus
from .services import jobs_of, record_download

# Who can start an export today (the ledger's readers); the administrators' pages export inline.
EXPORTERS = (Role.OFFICE, Role.LEADER, Role.LIAISON, Role.ISSUER)


@role_required(*EXPORTERS)
def job_list(request):
    """The account's recent exports, newest first."""
    return render(request, "jobs/job_list.html", {"jobs": jobs_of(request.user)[:30]})


@role_required(*EXPORTERS)
def job_detail(request, pk):
    """A progress bar while the export runs, then its download; htmx fetches only the status part."""
    job = get_object_or_404(jobs_of(request.user), pk=pk)
    template = "jobs/job.html#status" if request.htmx else "jobs/job.html"
    return render(request, template, {"job": job})


@role_required(*EXPORTERS)
def download(request, pk):
    """The finished file, for the account that asked for it only (anyone else: 404)."""
    job = get_object_or_404(jobs_of(request.user), pk=pk, status=ExportStatus.DONE)
    if not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    record_download(job=job, user=request.user, request=request)
    return FileResponse(handle, as_attachment=True, filename=job.filename,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
