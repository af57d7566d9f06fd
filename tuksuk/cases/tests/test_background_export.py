"""A large story export runs in the background and keeps the list's filters and the user's scope."""

import csv
import io

import pytest
from django.urls import reverse

from tuksuk.cases import views
from tuksuk.core.testing_world import build_place
from tuksuk.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_large_export_becomes_a_job_with_the_same_rows(
    client_for, district_chief, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    build_place("5703", "570301")
    build_place("9005", "900501")
    monkeypatch.setattr(views, "EXPORT_INLINE_LIMIT", 0)
    client = client_for(district_chief)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("cases:list"), {"export": "csv", "category": "1"})
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "succeeded"
    assert job.result == {"rows": 1}
    download = client.get(reverse("jobs:download", args=[job.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "ref", "reported_at"]
    assert [r[5] for r in rows[1:]] == ["57030101001"]  # the other district's story is not there


def test_small_export_streams_at_once(client_for, district_chief, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_place("5703", "570301")
    response = client_for(district_chief).get(reverse("cases:list"), {"export": "csv"})
    assert response.streaming
    assert not Job.objects.exists()
