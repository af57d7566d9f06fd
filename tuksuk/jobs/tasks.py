"""huey tasks. Kept thin: the work is in ``services.run_job``."""

from huey.contrib.djhuey import db_task


@db_task()
def run_job_task(job_id: str) -> None:
    from .services import run_job

    run_job(job_id)
