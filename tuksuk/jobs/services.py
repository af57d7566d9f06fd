"""Starting and running background jobs. Every importer, export and report build goes through here.

A handler is a plain function ``handler(job, progress) -> dict`` marked with ``@job_handler``. It may raise
``JobError`` with a message for the user; any other exception fails the job with a generic message (the details
go to the server log, never to the user).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import import_module
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job, JobStatus

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
_MARK = "_tuksuk_job_handler"


class JobError(Exception):
    """A failure to show the user as it is (already in their language)."""


def job_handler(func: Callable[[Job, Progress], dict]) -> Callable[[Job, Progress], dict]:
    setattr(func, _MARK, True)
    return func


def _resolve(path: str) -> Callable[[Job, Progress], dict]:
    module_name, _sep, name = path.rpartition(".")
    if not module_name.startswith("tuksuk."):
        raise JobError(_("ไม่รู้จักงานประเภทนี้"))
    func = getattr(import_module(module_name), name, None)
    if func is None or not getattr(func, _MARK, False):
        raise JobError(_("ไม่รู้จักงานประเภทนี้"))
    return func


def start_job(
    handler: Callable[..., Any],
    title: str,
    *,
    actor,
    params: dict | None = None,  # type: ignore[no-untyped-def]
    area_code: str = "",
) -> Job:
    """Record a job and queue it once the surrounding transaction commits."""
    if not getattr(handler, _MARK, False):
        raise ValueError(f"{handler!r} is not marked with @job_handler")
    job = Job.objects.create(
        handler=f"{handler.__module__}.{handler.__name__}",
        title=title,
        params=params or {},
        area_code=area_code,
        created_by=actor,
    )
    transaction.on_commit(lambda: _enqueue(job))
    return job


def _enqueue(job: Job) -> None:
    """Hand the job to the queue. When the queue is unreachable (Redis down), the job is marked failed with a
    message to start it again, and the error goes on up (the user gets a 503 "try again" from
    tuksuk.core.outage) — a job is never left "queued" forever."""
    from .tasks import run_job_task

    try:
        run_job_task(str(job.pk))
    except Exception:
        Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            message=_("ระบบงานเบื้องหลังไม่พร้อมในขณะสั่งงาน งานนี้จึงไม่ได้เริ่ม กรุณาสั่งใหม่อีกครั้ง"),
        )
        raise


def run_job(job_id: str) -> Job:
    """Run one queued job to the end. Safe to call twice: a job already started is not run again."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    job = Job.objects.get(pk=job_id)
    if not claimed:
        return job

    def progress(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total)
        job.progress_done, job.progress_total = done, total

    from tuksuk.audit.choices import Source
    from tuksuk.audit.context import audit_context

    try:
        with audit_context(actor=job.created_by, source=Source.JOB):
            result = _resolve(job.handler)(job, progress)
    except JobError as exc:
        _finish(job, JobStatus.FAILED, message=str(exc))
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.handler)
        _finish(job, JobStatus.FAILED, message=_("เกิดข้อผิดพลาดระหว่างดำเนินการ ผู้ดูแลระบบได้รับรายงานแล้ว"))
    else:
        _finish(job, JobStatus.SUCCEEDED, result=result or {})
    return job


def _finish(job: Job, status: str, *, message: str = "", result: dict | None = None) -> None:
    job.status, job.finished_at = status, timezone.now()
    fields = ["status", "finished_at"]
    if message:
        job.message = message
        fields.append("message")
    if result is not None:
        job.result = {key: value for key, value in result.items() if key != "message"}
        job.message = str(result.get("message", job.message))
        fields += ["result", "message"]
    if status == JobStatus.SUCCEEDED and job.progress_total:
        job.progress_done = job.progress_total
        fields.append("progress_done")
    job.save(update_fields=fields)
