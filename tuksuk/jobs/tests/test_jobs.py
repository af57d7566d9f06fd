import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tuksuk.jobs.models import Job, JobStatus
from tuksuk.jobs.services import JobError, job_handler, run_job, start_job

pytestmark = pytest.mark.django_db


@job_handler
def count_to_three(job, progress):
    for i in range(1, 4):
        progress(i, 3)
    return {"counted": 3, "message": "นับครบแล้ว"}


@job_handler
def refuse(job, progress):
    raise JobError("ไฟล์ไม่ถูกต้อง: แถวที่ 2")


@job_handler
def crash(job, progress):
    raise RuntimeError("secret internal detail")


def test_job_runs_in_background_and_reports_progress(district_chief, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(count_to_three, "นับเลข", actor=district_chief)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.percent == 100
    assert (job.progress_done, job.progress_total) == (3, 3)
    assert job.result == {"counted": 3}
    assert job.message == "นับครบแล้ว"
    assert job.started_at <= job.finished_at


def test_job_error_is_shown_to_the_user(district_chief, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(refuse, "ตรวจไฟล์", actor=district_chief)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == "ไฟล์ไม่ถูกต้อง: แถวที่ 2"


def test_unexpected_crash_hides_details(district_chief, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(crash, "พัง", actor=district_chief)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "secret" not in job.message


def test_running_twice_does_not_run_again(district_chief, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(count_to_three, "นับเลข", actor=district_chief)
    Job.objects.filter(pk=job.pk).update(result={})
    run_job(str(job.pk))
    job.refresh_from_db()
    assert job.result == {}


def test_only_marked_functions_can_be_jobs(district_chief):
    with pytest.raises(ValueError):  # noqa: PT011
        start_job(print, "x", actor=district_chief)
    job = Job.objects.create(handler="os.system", title="x", created_by=district_chief)
    run_job(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


def test_status_page_polls_until_finished(client_for, district_chief):
    job = Job.objects.create(
        handler="tuksuk.x.y",
        title="นำเข้า",
        created_by=district_chief,
        status=JobStatus.RUNNING,
        progress_done=5,
        progress_total=10,
    )
    client = client_for(district_chief)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "50%" in page
    fragment = client.get(reverse("jobs:detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED)
    assert "every 1s" not in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()


def test_api_reports_progress(api_for, district_chief):
    job = Job.objects.create(
        handler="tuksuk.x.y",
        title="นำเข้า",
        created_by=district_chief,
        status=JobStatus.RUNNING,
        progress_done=1,
        progress_total=4,
    )
    body = api_for(district_chief).get(f"/api/v1/jobs/{job.pk}/").json()
    assert body["percent"] == 25
    assert body["is_finished"] is False


def test_result_file_only_for_the_owner(client_for, district_chief, other_district_chief, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = Job.objects.create(handler="tuksuk.x.y", title="ส่งออก", created_by=district_chief)
    job.result_file.save("rejected.csv", ContentFile(b"row,error\n2,bad\n"))
    url = reverse("jobs:download", args=[job.pk])
    response = client_for(district_chief).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"row,error\n2,bad\n"
    assert client_for(other_district_chief).get(url).status_code == 404


def test_ministry_admin_sees_every_job(district_chief, ministry_admin):
    Job.objects.create(handler="tuksuk.x.y", title="a", created_by=district_chief)
    assert Job.objects.visible_to(ministry_admin).count() == 1


def test_a_job_the_queue_could_not_take_is_failed_not_left_queued(
    district_chief, django_capture_on_commit_callbacks, monkeypatch
):
    import redis.exceptions

    def unreachable(job_id):
        raise redis.exceptions.ConnectionError("Connection refused")

    monkeypatch.setattr("tuksuk.jobs.tasks.run_job_task", unreachable)
    with pytest.raises(redis.exceptions.ConnectionError), django_capture_on_commit_callbacks(execute=True):
        job = start_job(count_to_three, "นับเลข", actor=district_chief)
    job = Job.objects.get(title="นับเลข")
    assert job.status == JobStatus.FAILED
    assert "สั่งใหม่" in job.message
