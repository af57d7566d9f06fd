"""huey: the nightly purge of expired data (``retention.purge``). Kept thin."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="2", minute="30"))
def purge_expired_nightly() -> None:
    from tuksuk.audit.choices import Source
    from tuksuk.audit.context import audit_context

    from .retention import purge

    with audit_context(actor=None, source=Source.JOB):
        purge()
