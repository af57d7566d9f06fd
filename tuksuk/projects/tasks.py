"""The projects import as a background job (browser uploads).

``params``: ``projects_path``/``projects_name`` and ``activities_path``/``activities_name`` of the stored uploads
(either pair may be missing), ``dry_run``, ``skip_invalid``. With ``skip_invalid`` the rejected rows come back as a
ZIP in the job's result file holding ``projects-rejected.csv`` and/or ``activities-rejected.csv``.
"""

import io
import zipfile
from contextlib import ExitStack

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from tuksuk.core.tabular import FileError
from tuksuk.jobs.services import JobError, job_handler

from .importer import ProjectImportResult, import_projects, write_rejects

FILES = ("projects", "activities")


def rejects_zip(result: ProjectImportResult) -> bytes:
    """A ZIP with ``projects-rejected.csv`` and ``activities-rejected.csv`` (only the files with rejected rows)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_result in result.files:
            if file_result.rejected_rows:
                out = io.StringIO()
                write_rejects(file_result, out)
                archive.writestr(f"{file_result.label}-rejected.csv", ("\ufeff" + out.getvalue()).encode("utf-8"))
    return data.getvalue()


def _message(result: ProjectImportResult, params: dict) -> str:
    summary = "; ".join(result.summary_lines)
    if result.rejected and not params.get("skip_invalid"):
        rows = sum(len({e.row for e in f.errors}) for f in result.files)
        return _("พบข้อผิดพลาด %(n)d แถว จึงไม่ได้บันทึกข้อมูลใด ๆ แก้ไขไฟล์แล้วนำเข้าใหม่") % {"n": rows}
    if params.get("dry_run"):
        return _("ตรวจสอบแล้ว ยังไม่ได้บันทึก: %(summary)s") % {"summary": summary}
    if not any(f.created or f.updated or f.rejected for f in result.files):
        return _("ไม่มีการเปลี่ยนแปลง ข้อมูลในไฟล์ตรงกับในระบบแล้ว")
    return _("นำเข้าเสร็จ: %(summary)s") % {"summary": summary}


@job_handler
def import_projects_job(job, progress):  # type: ignore[no-untyped-def]
    params = job.params
    paths = [params[f"{name}_path"] for name in FILES if params.get(f"{name}_path")]
    try:
        with ExitStack() as stack:
            handles = {
                name: stack.enter_context(default_storage.open(params[f"{name}_path"], "rb"))
                if params.get(f"{name}_path")
                else None
                for name in FILES
            }
            result = import_projects(
                handles["projects"],
                params.get("projects_name", "projects.csv"),
                handles["activities"],
                params.get("activities_name", "activities.csv"),
                actor=job.created_by,
                dry_run=params.get("dry_run", False),
                skip_invalid=params.get("skip_invalid", False),
                progress=progress,
            )
    except FileError as exc:
        raise JobError(str(exc)) from exc
    finally:
        for path in paths:
            default_storage.delete(path)
    if params.get("skip_invalid") and any(f.rejected_rows for f in result.files):
        job.result_file.save(f"rejected-{job.pk}.zip", ContentFile(rejects_zip(result)))
    return {**result.as_dict(), "message": _message(result, params)}
