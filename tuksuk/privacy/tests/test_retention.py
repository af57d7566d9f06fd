"""The purge: a dry run changes nothing; a real run removes exactly what expired and records each rule's run."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tuksuk.households.models import Household
from tuksuk.jobs.models import Job, JobStatus
from tuksuk.privacy import services
from tuksuk.privacy.models import DataSubjectRequest, PurgeRun
from tuksuk.privacy.retention import purge

pytestmark = pytest.mark.django_db


@pytest.fixture
def expired(place, record, chief):  # type: ignore[no-untyped-def]
    now = timezone.now()
    old_job = Job.objects.create(handler="tuksuk.x.y", title="เก่า", created_by=chief, status=JobStatus.SUCCEEDED)
    new_job = Job.objects.create(handler="tuksuk.x.y", title="ใหม่", created_by=chief, status=JobStatus.SUCCEEDED)
    for job, age in ((old_job, 31), (new_job, 29)):
        job.result_file.save(f"{job.pk}.csv", ContentFile(b"a,b"), save=False)
        Job.objects.filter(pk=job.pk).update(result_file=job.result_file.name, finished_at=now - dt.timedelta(days=age))
    Session.objects.create(session_key="old", session_data="x", expire_date=now - dt.timedelta(minutes=1))
    Session.objects.create(session_key="live", session_data="x", expire_date=now + dt.timedelta(hours=1))
    old_try = AccessAttempt.objects.create(username="u", ip_address="127.0.0.1", user_agent="t", failures_since_start=1)
    AccessAttempt.objects.filter(pk=old_try.pk).update(attempt_time=now - dt.timedelta(days=91))
    AccessAttempt.objects.create(username="v", ip_address="127.0.0.1", user_agent="t", failures_since_start=1)
    old_request, new_request = record(place), record(place)
    for dsr, age in ((old_request, 91), (new_request, 89)):
        services.make_copy(dsr, actor=chief)
        services.complete(dsr, actor=chief)
        DataSubjectRequest.objects.filter(pk=dsr.pk).update(closed_at=now - dt.timedelta(days=age))
    return {"jobs": (old_job, new_job), "requests": (old_request, new_request)}


def _state():
    return {
        "job_files": sorted(bool(j.result_file) for j in Job.objects.all()),
        "sessions": sorted(Session.objects.values_list("session_key", flat=True)),
        "attempts": sorted(AccessAttempt.objects.values_list("username", flat=True)),
        "request_files": sorted(bool(r.copy_json) for r in DataSubjectRequest.objects.all()),
        "households": sorted(Household.objects.values_list("head_name", flat=True)),
    }


def test_a_dry_run_counts_and_changes_nothing(expired, capsys):
    before = _state()
    call_command("purge_expired", "--dry-run")
    out = capsys.readouterr().out
    assert "job_files: 1" in out
    assert "sessions: 1" in out
    assert "login_attempts: 1" in out
    assert "request_files: 1" in out
    assert "lifted_households: 0" in out
    assert _state() == before
    assert not PurgeRun.objects.exists()


def test_a_real_run_removes_exactly_what_expired(expired, chief, django_capture_on_commit_callbacks):
    old_job, new_job = expired["jobs"]
    old_request, new_request = expired["requests"]
    old_file = old_request.__class__.objects.get(pk=old_request.pk).copy_json
    storage, name = old_file.storage, old_file.name
    with django_capture_on_commit_callbacks(execute=True):
        purge(actor=chief)
    old_job.refresh_from_db()
    new_job.refresh_from_db()
    assert not old_job.result_file
    assert new_job.result_file
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["v"]
    old_request.refresh_from_db()
    new_request.refresh_from_db()
    assert not old_request.copy_json
    assert not old_request.copy_xlsx
    assert old_request.files_purged_at
    assert new_request.copy_json
    assert not storage.exists(name)
    assert old_request.events.filter(kind="files_purged").exists()
    runs = {run.rule: run.count for run in PurgeRun.objects.all()}
    assert runs == {"job_files": 1, "sessions": 1, "login_attempts": 1, "request_files": 1, "lifted_households": 0}
    purge()
    assert PurgeRun.objects.filter(rule="job_files").order_by("-id").first().count == 0


def test_lifted_households_are_anonymised_only_when_turned_on(place, settings, chief):
    from tuksuk.cases.services import change_status, record_action

    record_action(place.story, actor=chief, done_on=dt.date(2022, 9, 2), description="ฝึกอาชีพ", dimension="sustainable")
    change_status(place.story, "resolved", actor=chief, enforce_workflow=False)
    assert Household.objects.lifted().filter(pk=place.household.pk).exists()
    later = timezone.now() + dt.timedelta(days=365 * 3 + 1)
    purge(now=later)
    assert Household.objects.get(pk=place.household.pk).head_name == "นายทดสอบ 5703"
    settings.TUKSUK_RETENTION = {"lifted_households_years": 3}
    assert purge(now=later, dry_run=True)[-1].count == 1
    purge(now=later)
    assert Household.objects.get(pk=place.household.pk).head_name == "ไม่ระบุชื่อ"
    assert PurgeRun.objects.filter(rule="lifted_households", count=1).exists()


def test_the_retention_page_lists_rules_and_last_runs(expired, client_for, chief):
    purge(actor=chief)
    page = client_for(chief).get(reverse("privacy:retention")).content.decode()
    assert "ไฟล์ผลลัพธ์ของงานเบื้องหลังที่เสร็จแล้ว" in page
    assert "30 วัน" in page
    assert "ปิดอยู่" in page
    assert "เก็บ 5 ปี" in page
