"""A request id on every request, so change and access logs can be tied to one click."""

import uuid

from django.http import HttpRequest, HttpResponse


class RequestIdMiddleware:
    header = "X-Request-ID"

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(self.header, "")
        request.id = incoming if _valid(incoming) else uuid.uuid4().hex  # type: ignore[attr-defined]
        response = self.get_response(request)
        response[self.header] = request.id  # type: ignore[attr-defined]
        return response


def _valid(value: str) -> bool:
    return 8 <= len(value) <= 64 and value.replace("-", "").isalnum()
