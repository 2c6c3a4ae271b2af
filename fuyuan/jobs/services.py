"""Background exports: asking for one, running it with progress, downloading it, and expiring old files.

A page's export runs inline when it is small (INLINE_ROWS or fewer rows) and as a job above that. The job
rebuilds the rows from the account and the page's query string with the same scoped function the inline
export uses, so a liaison's file holds only their unit's rows. Writers are registered by kind in EXPORTERS
(dotted paths: this app sits below the apps whose rows it writes).
"""

import datetime
import logging
import tempfile
import uuid

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from fuyuan.audit.services import record_event

from .models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)

# Below this many rows an export is written during the request (well under a second); above, in the background.
INLINE_ROWS = 2000
# Finished files are kept this long, then removed by `expire_exports` (also run by the daily scan).
KEEP_DAYS = 7
# How often a writer reports progress (rows); each report is one UPDATE.
PROGRESS_EVERY = 500

# kind → writer(user=, query=, stream=, progress=) returning the download's file name.
EXPORTERS = {
    "ledger": "tasks.exports.write_ledger_export",
}


class ExportFailed(Exception):
    """A failure the user can act on; its message (in Chinese) is shown on the job's page."""


def request_export(*, user, kind, query="", total=0, request=None) -> ExportJob:
    """Queue an export for `user`; the worker starts it once this transaction commits."""
    from .tasks import run_export

    if kind not in EXPORTERS:
        raise ValueError(f"unknown export kind {kind!r}")
    job = ExportJob.objects.create(requested_by=user, kind=kind, query=query, total=total)
    record_event("export_requested", request=request, actor=user, target=job,
                 detail={"kind": kind, "query": query, "rows": total})
    transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def run_export_job(job_id: int) -> str:
    """Run one queued job: write the file to the configured storage, counting rows as they go. Returns its status."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(status=ExportStatus.RUNNING)
    if not claimed:
        return "skipped"  # already run (a retried task) or expired
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)

    def progress(done):
        ExportJob.objects.filter(pk=job_id).update(done=done)

    try:
        writer = import_string(EXPORTERS[job.kind])
        # The worker has no request: the files are in the site's language, as the pages are.
        with translation.override(settings.LANGUAGE_CODE), tempfile.TemporaryFile() as stream:
            filename = writer(user=job.requested_by, query=job.query, stream=stream, progress=progress)
            stream.seek(0)
            job.file.save(f"{uuid.uuid4().hex}.xlsx", File(stream), save=False)
    except Exception as error:
        logger.exception("export %s failed", job_id)
        with translation.override(settings.LANGUAGE_CODE):
            message = str(error) if isinstance(error, ExportFailed) else _(
                "The export failed. Please try again; if it fails again, tell the administrator.")
        ExportJob.objects.filter(pk=job_id).update(status=ExportStatus.FAILED, error=message,
                                                   finished_at=timezone.now())
        return ExportStatus.FAILED
    done = ExportJob.objects.filter(pk=job_id).values_list("done", flat=True).get()
    ExportJob.objects.filter(pk=job_id).update(status=ExportStatus.DONE, file=job.file.name, filename=filename,
                                               done=max(done, job.total), finished_at=timezone.now())
    return ExportStatus.DONE


def jobs_of(user):
    """The exports an account may see and download: its own, never anyone else's."""
    return ExportJob.objects.filter(requested_by=user)


def record_download(*, job, user, request=None):
    """Audit one download of a finished export."""
    record_event("export_downloaded", request=request, actor=user, target=job,
                 detail={"kind": job.kind, "query": job.query, "file": job.filename})


def expire_exports(now=None) -> int:
    """Delete the files of exports finished more than KEEP_DAYS ago (the rows stay, marked expired)."""
    now = now or timezone.now()
    count = 0
    for job in ExportJob.objects.filter(status__in=(ExportStatus.DONE, ExportStatus.FAILED),
                                        finished_at__lt=now - datetime.timedelta(days=KEEP_DAYS)):
        if job.file:
            job.file.delete(save=False)
        ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.EXPIRED, file="")
        count += 1
    return count
