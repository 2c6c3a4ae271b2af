"""An account's background exports: the progress page (htmx polls it), the download, the list."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .models import ExportStatus
from .services import jobs_of, record_download


@login_required
def job_list(request):
    """The account's recent exports, newest first."""
    return render(request, "jobs/job_list.html", {"jobs": jobs_of(request.user)[:30]})


@login_required
def job_detail(request, pk):
    """A progress bar while the export runs, then its download; htmx fetches only the status part."""
    job = get_object_or_404(jobs_of(request.user), pk=pk)
    template = "jobs/job.html#status" if request.htmx else "jobs/job.html"
    return render(request, template, {"job": job})


@login_required
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
