"""Every URL of Tuksuk plus the HTTP measure's yardsticks: ``bench/minimal/``, the smallest Django view, and
``bench/story-sql/``, the story API's own SQL statements with nothing else."""

import json
import os
from functools import cache
from pathlib import Path

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@cache
def _statements() -> tuple[str, ...]:
    return tuple(json.loads(Path(os.environ["BENCH_STORY_SQL"]).read_text(encoding="utf-8")))


def story_sql(request: HttpRequest) -> JsonResponse:
    """What one story-API request asks of the database (``bench.worker api_sql`` wrote the statements), sent on
    the same connection settings, the last answer returned as it comes: no authentication, ORM, DRF or
    serializer. The ceiling any implementation of the endpoint on this database would meet."""
    with connection.cursor() as cursor:
        rows: list = []
        for statement in _statements():
            cursor.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
    return JsonResponse({"results": rows})


urlpatterns = [
    path("bench/minimal/", minimal, name="bench-minimal"),
    path("bench/story-sql/", story_sql, name="bench-story-sql"),
    path("", include("tuksuk.urls")),
]

handler404 = "tuksuk.core.errors.not_found"
handler500 = "tuksuk.core.errors.server_error"
handler403 = "tuksuk.core.errors.forbidden"
handler400 = "tuksuk.core.errors.bad_request"
