"""The stories import as a background job (browser uploads)."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from tuksuk.core.tabular import FileError
from tuksuk.jobs.services import JobError, job_handler

from .importer import import_stories, write_rejects


@job_handler
def import_stories_job(job, progress):  # type: ignore[no-untyped-def]
    params = job.params
    try:
        with default_storage.open(params["path"], "rb") as handle:
            result = import_stories(
                handle,
                params["name"],
                actor=job.created_by,
                dry_run=params.get("dry_run", False),
                skip_invalid=params.get("skip_invalid", False),
                progress=progress,
            )
    except FileError as exc:
        raise JobError(str(exc)) from exc
    finally:
        default_storage.delete(params["path"])
    if result.rejected_rows and params.get("skip_invalid"):
        out = io.StringIO()
        write_rejects(result, out)
        job.result_file.save(f"rejected-{job.pk}.csv", ContentFile(("\ufeff" + out.getvalue()).encode("utf-8")))
    if result.rejected and not params.get("skip_invalid"):
        message = _("พบข้อผิดพลาด %(n)d แถว จึงไม่ได้บันทึกข้อมูลใด ๆ แก้ไขไฟล์แล้วนำเข้าใหม่") % {
            "n": len({e.row for e in result.errors})
        }
    elif params.get("dry_run"):
        message = _("ตรวจสอบแล้ว ยังไม่ได้บันทึก: %(summary)s") % {"summary": result.summary}
    elif not result.created and not result.updated and not result.rejected:
        message = _("ไม่มีการเปลี่ยนแปลง ข้อมูลในไฟล์ตรงกับในระบบแล้ว")
    else:
        message = _("นำเข้าเสร็จ: %(summary)s") % {"summary": result.summary}
    return {**result.as_dict(), "message": message}


@job_handler
def export_stories_job(job, progress):  # type: ignore[no-untyped-def]
    """A large story export, built in the background with the same filters (and the same scope) as the list."""
    import csv
    import tempfile

    from django.core.files import File
    from django.http import QueryDict

    from .exports import HEADER, escaped_rows
    from .filters import StoryFilterSet
    from .models import Story

    query = QueryDict(job.params.get("query", ""))
    stories = StoryFilterSet(query or None, queryset=Story.objects.visible_to(job.created_by)).qs
    total = stories.count()
    fmt = job.params.get("format", "csv")
    with tempfile.TemporaryFile("w+b") as handle:
        if fmt == "xlsx":
            from openpyxl import Workbook

            from tuksuk.core.thai import data_stamp

            book = Workbook(write_only=True)
            sheet = book.create_sheet("stories")
            sheet.append([data_stamp()])
            sheet.append(HEADER)
            for done, row in enumerate(escaped_rows(stories), start=1):
                sheet.append(row)
                if done % 5000 == 0:
                    progress(done, total)
            book.save(handle)
        else:
            import io

            text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="", write_through=True)
            writer = csv.writer(text)
            writer.writerow(HEADER)
            for done, row in enumerate(escaped_rows(stories), start=1):
                writer.writerow(row)
                if done % 5000 == 0:
                    progress(done, total)
            text.flush()
            text.detach()
        handle.seek(0)
        job.result_file.save(f"stories-{job.pk}.{fmt}", File(handle))
    progress(total, total)
    return {"rows": total, "message": _("ส่งออก %(n)d เรื่องแล้ว ดาวน์โหลดไฟล์ได้ด้านล่าง") % {"n": total}}
