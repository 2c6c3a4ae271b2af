"""The export run as a Django task: the database queue (db_worker) in production, at once in tests."""

from django.tasks import task


@task()
def run_export(job_id: int):
    """Write the job's file; its progress and outcome are on the ExportJob row."""
    from .services import run_export_job

    return run_export_job(job_id)
