"""Background jobs of the public site."""

from django.utils.translation import gettext as _

from tuksuk.jobs.services import job_handler


@job_handler
def publish_figures_job(job, progress) -> dict:  # type: ignore[no-untyped-def]
    """Take a new snapshot of every public figure (started by a ministry administrator on /publish/)."""
    from .figures import publish_figures

    progress(0, 1)
    rows = publish_figures()
    progress(1, 1)
    return {"rows": rows, "message": _("เผยแพร่ตัวเลขสรุปแล้ว %(n)d รายการ") % {"n": rows}}
