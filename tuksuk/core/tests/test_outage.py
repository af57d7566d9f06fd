"""A database or Redis outage answers 503 + Retry-After in Thai (JSON under /api/), and the next request works."""

from __future__ import annotations

import contextlib
import io

import psycopg
import pytest
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path
from redis.exceptions import ConnectionError as RedisConnectionError
from rest_framework.views import APIView

from tuksuk.core import outage
from tuksuk.core.testing import make_user

pytestmark = pytest.mark.django_db

DB_DOWN = "ระบบฐานข้อมูลไม่พร้อมชั่วคราว"
QUEUE_DOWN = "ระบบงานเบื้องหลังไม่พร้อมชั่วคราว"
TRY_AGAIN = "กรุณาลองใหม่อีกครั้งในอีกสักครู่"


# --- views for the cases the real pages cannot produce on demand (used through `urls` below) ---
def _raises(exc: Exception):  # type: ignore[no-untyped-def]
    def view(request):  # type: ignore[no-untyped-def]
        raise exc

    return view


def _touch_session(request):  # type: ignore[no-untyped-def]
    request.session["seen"] = True  # saved by SessionMiddleware after the view: the database is needed only then
    return HttpResponse("ok")


class _QueueDownApi(APIView):
    permission_classes: list = []

    def get(self, request):  # type: ignore[no-untyped-def]
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


urlpatterns = [
    path("t/psycopg/", _raises(psycopg.OperationalError("server closed the connection unexpectedly"))),
    path("t/queue/", _raises(RedisConnectionError("Connection refused"))),
    path("t/bug/", _raises(OperationalError("no such table: cases_story"))),
    path("t/session/", _touch_session),
    path("api/t/queue/", _QueueDownApi.as_view()),
    path("", include("tuksuk.urls")),
]


@pytest.fixture
def client():  # type: ignore[no-untyped-def]
    """A client that sees what a browser sees: when an inner middleware (the idle timeout reading the session)
    meets the outage, Django signals the error before the outage middleware answers 503, and the default test
    client would re-raise that signal instead of returning the response."""
    from django.test import Client

    return Client(raise_request_exception=False)


@pytest.fixture(autouse=True)
def wired(settings):  # type: ignore[no-untyped-def]
    """The wiring the lead adds to settings (idempotent, so it holds before and after)."""
    name = "tuksuk.core.outage.OutageMiddleware"
    if name not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        middleware.insert(middleware.index("tuksuk.core.middleware.RequestIdMiddleware") + 1, name)
        settings.MIDDLEWARE = middleware
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "EXCEPTION_HANDLER": "tuksuk.core.outage.api_exception_handler",
    }
    settings.ROOT_URLCONF = __name__


@contextlib.contextmanager
def database_down(after: int = 0, error: type[Exception] = OperationalError):  # type: ignore[no-untyped-def]
    """Every query after the first ``after`` fails, as when PostgreSQL restarts mid-request."""
    calls = {"n": 0}

    def fail(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] > after:
            raise error("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield


def assert_clean_503(response, text: str = DB_DOWN) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert text in body
    for leak in ("Traceback", "OperationalError", "127.0.0.1"):
        assert leak not in body


def test_a_page_for_a_signed_in_user_answers_503_in_thai(client):
    client.force_login(make_user("district_team", "5703"))
    with database_down():
        response = client.get("/stories/")
    assert_clean_503(response)
    assert response["Content-Type"].startswith("text/html")
    assert TRY_AGAIN in response.content.decode()
    assert response["X-Request-ID"]


def test_the_page_works_again_once_the_database_is_back(client):
    client.force_login(make_user("district_team", "5703"))
    with database_down():
        assert client.get("/stories/").status_code == 503
    assert client.get("/stories/").status_code == 200


def test_a_query_failing_halfway_through_the_page(client):
    client.force_login(make_user("district_team", "5703"))
    with database_down(after=3):  # the session and the user load; the list's queries fail
        response = client.get("/stories/")
    assert_clean_503(response)


def test_a_public_page_answers_503_and_is_not_cached_publicly(client):
    with database_down():
        response = client.get("/p/")
    assert_clean_503(response)
    assert "public" not in response["Cache-Control"]


def test_the_login_page_post_answers_503(client):
    with database_down():
        response = client.post("/accounts/login/", {"username": "someone", "password": "whatever-2565"})
    assert_clean_503(response)


def test_a_raw_driver_error_answers_503(client):
    assert_clean_503(client.get("/t/psycopg/"))


def test_the_api_answers_json_with_retryable(api_for):
    api = api_for(make_user("district_chief", "5703"))
    with database_down():
        response = api.get("/api/v1/stories/")
    assert_clean_503(response)
    body = response.json()
    assert body["retryable"] is True
    assert DB_DOWN in body["detail"]
    assert DB_DOWN in body["message"]


def test_the_public_api_answers_json_with_retryable(api_for):
    with database_down():
        response = api_for().get("/api/v1/public/figures/")
    assert_clean_503(response)
    assert response.json()["retryable"] is True


def test_redis_down_on_a_page_says_the_job_did_not_start(client):
    assert_clean_503(client.get("/t/queue/"), QUEUE_DOWN)


def test_redis_down_in_the_api_is_json(api_for):
    response = api_for().get("/api/t/queue/")
    assert_clean_503(response, QUEUE_DOWN)
    assert response.json()["retryable"] is True


def test_redis_down_when_an_import_is_queued(client, monkeypatch):
    """The real path: the import page queues a job on commit; RedisHuey cannot reach Redis."""

    def enqueue(job_id):  # type: ignore[no-untyped-def]
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("tuksuk.jobs.tasks.run_job_task", enqueue)
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, *a, **k: func())  # no request transaction
    client.force_login(make_user("district_team", "5703"))
    upload = io.BytesIO(b"story_ref,reported_on,house_code,village_code,head_name,category\n")
    upload.name = "stories.csv"
    response = client.post("/stories/import/", {"file": upload, "dry_run": "on"})
    assert_clean_503(response, QUEUE_DOWN)


def test_a_failure_in_a_middleware_after_the_view_answers_503():
    """Saving the session happens in SessionMiddleware, after the view: Django makes a 500 of it first."""
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get("/t/session/")
    assert_clean_503(response)


def test_a_bug_is_still_a_500_not_a_retry():
    client = Client(raise_request_exception=False)
    response = client.get("/t/bug/")
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (OperationalError("connection refused"), outage.DATABASE),
        (psycopg.OperationalError("consuming input failed"), outage.DATABASE),
        (RedisConnectionError("refused"), outage.QUEUE),
        (OperationalError("no such table: x"), None),
        (ValueError("x"), None),
    ],
)
def test_which_errors_are_outages(exc, kind):
    assert outage.outage_kind(exc) == kind


def test_an_outage_wrapped_in_another_error_is_found():
    outer = RuntimeError("tally recount failed")
    outer.__cause__ = OperationalError("server closed the connection unexpectedly")
    assert outage.outage_kind(outer) == outage.DATABASE
