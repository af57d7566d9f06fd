"""Every URL of Tuksuk plus ``bench/minimal/``: the smallest Django view, the HTTP measure's yardstick."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal/", minimal, name="bench-minimal"),
    path("", include("tuksuk.urls")),
]

handler404 = "tuksuk.core.errors.not_found"
handler500 = "tuksuk.core.errors.server_error"
handler403 = "tuksuk.core.errors.forbidden"
handler400 = "tuksuk.core.errors.bad_request"
