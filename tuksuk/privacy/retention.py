"""Retention rules and the purge: what is kept how long, and removing what has expired.

Defaults live here (``DEFAULTS``); a deployment overrides any of them with ``settings.TUKSUK_RETENTION`` (a dict with
the same keys), e.g. ``TUKSUK_RETENTION = {"job_files_days": 14, "lifted_households_years": 5}``.

| rule | default | what happens |
| --- | --- | --- |
| job_files | 30 days after the job finished | the result file is deleted, the job row stays |
| sessions | when expired | expired login sessions are deleted |
| login_attempts | 90 days | django-axes attempt and log rows older than that are deleted |
| request_files | 90 days after the request was closed | the copy files of access/portability requests are deleted |
| lifted_households | off (0) | households lifted out of their problems with no change for N years are anonymised |
| audit_logs | kept (5 years, not purged) | see below |

Lifted households are off by default: anonymising is irreversible and the programme's own evaluation reads past
years; a province turns it on deliberately once its records policy says so.

The audit logs (change log, access log) are not purged by this job. They are the accountability record the PDPA
asks a controller to keep (and the Computer Crimes Act requires at least 90 days of access records); they are
append-only in the database, and a deletion path inside the application would be a way to erase traces. Rows older
than ``audit_log_years`` (5) are removed by the database owner (partition drop or TRUNCATE after an archive), outside
the application.

``purge(dry_run=…)`` runs every rule: a dry run counts what would go and changes nothing (no PurgeRun row either);
a real run removes it and records one ``PurgeRun`` row per rule. ``manage.py purge_expired [--dry-run]`` and the
nightly huey task (``tasks.py``) call it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import PurgeRule, RequestEventKind
from .models import DataSubjectRequest, PurgeRun, RequestEvent, Restriction

DEFAULTS = {
    "job_files_days": 30,
    "login_attempts_days": 90,
    "request_files_days": 90,
    "lifted_households_years": 0,
    "audit_log_years": 5,
}


def setting(name: str) -> int:
    return int({**DEFAULTS, **getattr(settings, "TUKSUK_RETENTION", {})}[name])


@dataclass
class Outcome:
    rule: str
    count: int
    detail: dict


# --- the rules ------------------------------------------------------------------------------------------------


def _job_files(now: dt.datetime, dry_run: bool) -> Outcome:
    from tuksuk.jobs.models import Job, JobStatus

    days = setting("job_files_days")
    jobs = Job.objects.filter(
        status__in=(JobStatus.SUCCEEDED, JobStatus.FAILED), finished_at__lt=now - dt.timedelta(days=days)
    ).exclude(result_file="")
    count = jobs.count()
    if not dry_run:
        for job in jobs:
            job.result_file.delete(save=False)
        # Job rows are operational progress (not in the change log): a plain update is enough.
        Job.objects.filter(pk__in=[j.pk for j in jobs]).update(result_file="")
    return Outcome(PurgeRule.JOB_FILES, count, {"days": days})


def _sessions(now: dt.datetime, dry_run: bool) -> Outcome:
    from django.contrib.sessions.models import Session

    expired = Session.objects.filter(expire_date__lt=now)
    count = expired.count()
    if not dry_run:
        expired.delete()
    return Outcome(PurgeRule.SESSIONS, count, {})


def _login_attempts(now: dt.datetime, dry_run: bool) -> Outcome:
    from django.apps import apps

    days = setting("login_attempts_days")
    cutoff = now - dt.timedelta(days=days)
    counts = {}
    for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
        try:
            model = apps.get_model("axes", name)
        except LookupError:
            continue
        rows = model.objects.filter(attempt_time__lt=cutoff)
        counts[name] = rows.count()
        if not dry_run:
            rows.delete()
    return Outcome(PurgeRule.LOGIN_ATTEMPTS, sum(counts.values()), {"days": days, **counts})


def _request_files(now: dt.datetime, dry_run: bool) -> Outcome:
    days = setting("request_files_days")
    requests = (
        DataSubjectRequest.objects.filter(closed_at__lt=now - dt.timedelta(days=days))
        .exclude(copy_json="", copy_xlsx="")
        .select_related("household")
    )
    count = requests.count()
    if not dry_run:
        for request in requests:
            with transaction.atomic():
                files = [f for f in (request.copy_json, request.copy_xlsx) if f]
                names = [(f.storage, f.name) for f in files]
                request.copy_json = request.copy_xlsx = ""
                request.files_purged_at = now
                request.save(update_fields=["copy_json", "copy_xlsx", "files_purged_at", "updated_at"])
                RequestEvent.objects.create(request=request, kind=RequestEventKind.FILES_PURGED, data={"days": days})
                transaction.on_commit(lambda names=names: [storage.delete(name) for storage, name in names])
    return Outcome(PurgeRule.REQUEST_FILES, count, {"days": days})


def stale_lifted_households(now: dt.datetime, years: int):  # type: ignore[no-untyped-def]
    from tuksuk.cases.models import Action, Story
    from tuksuk.households.models import Household

    cutoff = now - dt.timedelta(days=365 * years)
    recent_story = Story.objects.filter(household=OuterRef("pk")).filter(
        Q(updated_at__gte=cutoff) | Q(resolved_at__gte=cutoff)
    )
    recent_action = Action.objects.filter(story__household=OuterRef("pk"), created_at__gte=cutoff)
    return (
        Household.objects.active()
        .lifted()
        .filter(updated_at__lt=cutoff)
        .exclude(house_code__startswith="00")
        .exclude(Exists(recent_story))
        .exclude(Exists(recent_action))
        .exclude(Exists(Restriction.objects.filter(household=OuterRef("pk"), lifted_at__isnull=True)))
    )


def _lifted_households(now: dt.datetime, dry_run: bool) -> Outcome:
    years = setting("lifted_households_years")
    if years <= 0:
        return Outcome(PurgeRule.LIFTED_HOUSEHOLDS, 0, {"years": 0, "off": True})
    from tuksuk.audit.choices import Source
    from tuksuk.audit.context import audit_context

    from .anonymise import anonymise_household

    households = list(stale_lifted_households(now, years))
    if not dry_run:
        with audit_context(actor=None, source=Source.COMMAND):
            for household in households:
                anonymise_household(household, actor=None)
    return Outcome(PurgeRule.LIFTED_HOUSEHOLDS, len(households), {"years": years})


@dataclass(frozen=True)
class Rule:
    code: str
    keep: Callable[[], str]
    run: Callable[[dt.datetime, bool], Outcome] | None


def _days(name: str) -> Callable[[], str]:
    return lambda: str(_("%(n)d วัน") % {"n": setting(name)})


def _lifted_keep() -> str:
    years = setting("lifted_households_years")
    return str(_("%(n)d ปี") % {"n": years}) if years > 0 else str(_("ปิดอยู่ (ไม่ลบ)"))


RULES = (
    Rule(PurgeRule.JOB_FILES, _days("job_files_days"), _job_files),
    Rule(PurgeRule.SESSIONS, lambda: str(_("เมื่อหมดอายุ")), _sessions),
    Rule(PurgeRule.LOGIN_ATTEMPTS, _days("login_attempts_days"), _login_attempts),
    Rule(PurgeRule.REQUEST_FILES, _days("request_files_days"), _request_files),
    Rule(PurgeRule.LIFTED_HOUSEHOLDS, _lifted_keep, _lifted_households),
    Rule(
        PurgeRule.AUDIT_LOGS,
        lambda: str(_("เก็บ %(n)d ปี (ไม่ลบโดยระบบ)") % {"n": setting("audit_log_years")}),
        None,
    ),
)


def purge(*, dry_run: bool = False, actor=None, now: dt.datetime | None = None) -> list[Outcome]:  # type: ignore[no-untyped-def]
    """Run every rule. A dry run only counts; a real run removes and records one PurgeRun per rule."""
    now = now or timezone.now()
    outcomes = []
    for rule in RULES:
        if rule.run is None:
            continue
        outcome = rule.run(now, dry_run)
        outcomes.append(outcome)
        if not dry_run:
            PurgeRun.objects.create(at=now, rule=outcome.rule, count=outcome.count, detail=outcome.detail, actor=actor)
    return outcomes


def rules_table() -> list[dict]:
    """The rules with how long each keeps data and its last run, for the retention page."""
    last = {}
    for run in PurgeRun.objects.filter(dry_run=False).order_by("rule", "-at"):
        last.setdefault(run.rule, run)
    return [
        {"code": rule.code, "label": PurgeRule(rule.code).label, "keep": rule.keep(), "last": last.get(rule.code)}
        for rule in RULES
    ]
